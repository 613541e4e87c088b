package io.rarakoon.node.config;

/**
 * When and how the Collapser folds old segments into the head snapshot ({@code [collapse]}).
 *
 * @param auto whether the node collapses by itself, beyond the admin command
 * @param triggerSegments automatic collapse starts when more completed segments than this lie
 *     beyond the head
 * @param segmentsToKeep completed segments kept after a collapse
 * @param slowdown sleep factor per replayed entry while collapsing; 0 means no throttling
 * @param headCopyThrottling sleep factor per chunk while copying the head; 0 means none
 */
public record CollapseConfig(
        boolean auto,
        int triggerSegments,
        int segmentsToKeep,
        double slowdown,
        double headCopyThrottling) {}
