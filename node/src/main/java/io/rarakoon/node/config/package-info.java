/**
 * The validated configuration of a cluster and of each node, as read from the TOML cluster file.
 * Immutable records; every value here has already passed validation.
 */
package io.rarakoon.node.config;
