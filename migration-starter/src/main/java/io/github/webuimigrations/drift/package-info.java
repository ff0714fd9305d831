/**
 * The drift check: the live schema against the schema this starter's migrations build at
 * the database's recorded point.
 */
package io.github.webuimigrations.drift;
