/**
 * What a revision is written with, Alembic's {@code op}: DDL with upstream's guards, SQLite
 * rebuilds ({@code batch_alter_table}), paged reads and batched writes for data migrations, and
 * the declarations of work on every chat.
 */
package io.github.webuimigrations.revisioned.op;
