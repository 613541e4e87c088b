/**
 * The replicated store: a transactional ordered map of byte strings with every Arakoon update kind,
 * and its snapshots.
 */
package io.rarakoon.kv;
