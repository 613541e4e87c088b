package io.rarakoon.leaky;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Stateful property test: random sequences of offer, poll and drain run against both the buffer and
 * a naive model (an unbounded deque that drops when its size reaches the capacity). After every
 * action the two agree on content, size and drop count; capacity is never exceeded.
 */
class LeakyBufferPropertyTest {
    /** One action: kind 0 = offer, 1 = poll, 2 = drain up to {@code amount}. */
    record Action(int kind, int amount) {}

    @Provide
    Arbitrary<List<Action>> actions() {
        Arbitrary<Action> action =
                Combinators.combine(
                                Arbitraries.integers().between(0, 2),
                                Arbitraries.integers().between(0, 5))
                        .as(Action::new);
        return action.list().ofMaxSize(200);
    }

    @Property(tries = 300)
    void behavesLikeABoundedDequeThatDrops(
            @ForAll @IntRange(min = 1, max = 8) int capacityItems,
            @ForAll("actions") List<Action> actions) {
        LeakyBuffer<Integer> buffer = new LeakyBuffer<>(capacityItems);
        ArrayDeque<Integer> model = new ArrayDeque<>();
        long modelDrops = 0;
        int next = 0;
        for (Action action : actions) {
            if (action.kind() == 0) {
                boolean modelAccepts = model.size() < capacityItems;
                if (modelAccepts) {
                    model.addLast(next);
                } else {
                    modelDrops++;
                }
                assertEquals(modelAccepts, buffer.offer(next));
                next++;
            } else if (action.kind() == 1) {
                assertEquals(Optional.ofNullable(model.pollFirst()), buffer.poll());
            } else {
                List<Integer> drained = new ArrayList<>();
                int count = buffer.drainTo(drained, action.amount());
                List<Integer> expected = new ArrayList<>();
                while (expected.size() < action.amount() && !model.isEmpty()) {
                    expected.add(model.pollFirst());
                }
                assertEquals(expected, drained);
                assertEquals(expected.size(), count);
            }
            assertEquals(model.size(), buffer.size());
            assertEquals(modelDrops, buffer.dropCount());
            assertEquals(next, buffer.offerCount());
        }
    }
}
