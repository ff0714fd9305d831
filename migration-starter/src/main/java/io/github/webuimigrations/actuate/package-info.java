/**
 * The actuator view of the migrations: the endpoint, the health contributor and the metrics.
 */
package io.github.webuimigrations.actuate;
