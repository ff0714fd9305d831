/**
 * What JPA needs to map open-webui's schema as open-webui made it.
 */
package io.github.webuimigrations.jpa;
