/**
 * The commands ({@code migrate}, {@code rollback}, {@code info}, ...) that any application with
 * the starter can run instead of serving: from its command line, or from
 * {@code webui.migrations.command}.
 */
package io.github.webuimigrations.command;
