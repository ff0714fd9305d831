/**
 * Fresh open-webui databases for an application's tests: migrated once per run into a
 * template, a copy per test.
 */
package io.github.webuimigrations.test;
