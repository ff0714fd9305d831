/**
 * Upstream's legacy Ollama modelfile parser, used by migration 010.
 */
package io.github.webuimigrations.legacy.modelfile;
