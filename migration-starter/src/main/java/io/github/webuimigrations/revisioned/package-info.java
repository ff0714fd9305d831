/**
 * The revisioned tier: the engine that runs open-webui's Alembic chain with Liquibase (bookkeeping,
 * adoption, plans and one-pass groups); the revisions themselves are in {@code revisions}.
 */
package io.github.webuimigrations.revisioned;
