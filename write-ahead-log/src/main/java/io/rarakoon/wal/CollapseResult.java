package io.rarakoon.wal;

/**
 * What a collapse did: {@code stepCount} steps (0 when there was nothing to do; otherwise one per
 * folded segment plus one for writing the head and pruning), the head index afterwards ({@link
 * Wal#NO_INDEX} when there is no head) and the number of segment files deleted.
 */
public record CollapseResult(int stepCount, long headIndex, int segmentsDeleted) {

    static CollapseResult nothingToDo(long headIndex) {
        return new CollapseResult(0, headIndex, 0);
    }
}
