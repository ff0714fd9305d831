/**
 * Auto-configuration of the data source and the migration tiers.
 */
package io.github.webuimigrations.autoconfigure;
