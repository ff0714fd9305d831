/**
 * The 18 legacy migrations, one per upstream file.
 */
package io.github.webuimigrations.legacy.migrations;
