/**
 * open-webui's database settings and the connections and data source built from them.
 */
package io.github.webuimigrations.database;
