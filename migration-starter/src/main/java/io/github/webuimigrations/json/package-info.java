/**
 * JSON exactly as Python's json module reads and writes it.
 */
package io.github.webuimigrations.json;
