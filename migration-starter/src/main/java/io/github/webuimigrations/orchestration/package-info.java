/**
 * Running the two tiers in order, at start-up and on demand.
 */
package io.github.webuimigrations.orchestration;
