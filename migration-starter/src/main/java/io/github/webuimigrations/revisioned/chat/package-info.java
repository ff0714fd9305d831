/**
 * The one pass over {@code chat} that carries out what the revisions of a group (or one
 * revision alone) declared about every chat.
 */
package io.github.webuimigrations.revisioned.chat;
