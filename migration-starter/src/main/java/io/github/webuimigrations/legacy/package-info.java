/**
 * The legacy tier: open-webui's peewee migrations on Flyway, with peewee's own bookkeeping.
 */
package io.github.webuimigrations.legacy;
