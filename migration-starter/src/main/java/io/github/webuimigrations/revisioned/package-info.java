/**
 * The revisioned tier: open-webui's Alembic revision chain on Liquibase.
 */
package io.github.webuimigrations.revisioned;
