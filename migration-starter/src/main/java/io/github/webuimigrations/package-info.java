/**
 * Shared types of open-webui's two migration tiers: tiers, migration states and information.
 */
package io.github.webuimigrations;
