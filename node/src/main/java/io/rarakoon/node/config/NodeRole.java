package io.rarakoon.node.config;

/** What a node contributes to consensus (spec §1.13). */
public enum NodeRole {
    /** Votes and may become master. */
    VOTER,
    /** Follows the nodes in its learn_from list; never votes, never master. */
    LEARNER,
    /** Votes and is never master; backups and store maintenance are refused on it. */
    WITNESS
}
