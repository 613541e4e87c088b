package io.rarakoon.paxos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rarakoon.paxos.message.Accept;
import io.rarakoon.paxos.message.Accepted;
import io.rarakoon.paxos.message.ByteString;
import io.rarakoon.paxos.message.ClientValue;
import io.rarakoon.paxos.message.LogEntry;
import io.rarakoon.paxos.message.MasterValue;
import io.rarakoon.paxos.message.Message;
import io.rarakoon.paxos.message.Nak;
import io.rarakoon.paxos.message.NodeId;
import io.rarakoon.paxos.message.Prepare;
import io.rarakoon.paxos.message.Promise;
import io.rarakoon.paxos.message.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeSet;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Properties of {@link Paxos#step} on one core fed random events: peer messages of every kind with
 * terms and indexes near the core's own (from voters, a learner, an unknown node, another cluster),
 * ticks, client updates, drop-master, crashes with recovery and catch-up results. The core's
 * effects run on a {@link SimNode}, which checks the node's side of the contracts. Each property
 * derives its events from one jqwik-chosen seed.
 */
class PaxosPropertyTest {

    private static final int STEPS = 300;
    private static final Cluster CLUSTER =
            Cluster.elected("test", ids("n0", "n1", "n2"), 1000)
                    .withFollowers(List.of(), ids("l0"));
    private static final NodeId SELF = new NodeId("n0");
    private static final List<NodeId> SENDERS = ids("n1", "n2", "l0", "x9");

    @Property(tries = 60)
    void equalInputsGiveEqualTransitions(@ForAll long seed) {
        assertEquals(run(seed), run(seed));
    }

    @Property(tries = 60)
    void promisedTermNeverDecreasesAndSendsFollowTheirPersists(@ForAll long seed) {
        Script script = new Script(seed);
        long promised = 0;
        for (int i = 0; i < STEPS; i++) {
            Transition transition = script.step();
            if (transition.state().role() != PaxosState.Role.STARTING) {
                assertTrue(transition.state().promisedTerm() >= promised);
                promised = transition.state().promisedTerm();
            }
            for (Effect effect : transition.effects()) {
                sentMessage(effect).ifPresent(message -> script.requireDurable(message));
            }
        }
    }

    @Example
    void generatorCoversEveryEventAndMessageType() {
        TreeSet<String> seen = new TreeSet<>();
        for (long seed = 0; seed < 20; seed++) {
            Script script = new Script(seed);
            for (int i = 0; i < STEPS; i++) {
                script.step();
                seen.add(script.lastEvent.getClass().getSimpleName());
                if (script.lastEvent instanceof Event.Received received) {
                    seen.add(received.message().getClass().getSimpleName());
                }
            }
        }
        for (Class<?> type : Event.class.getPermittedSubclasses()) {
            assertTrue(seen.contains(type.getSimpleName()), "no " + type + " in " + seen);
        }
        for (Class<?> type : Message.class.getPermittedSubclasses()) {
            assertTrue(seen.contains(type.getSimpleName()), "no " + type + " in " + seen);
        }
    }

    private static Optional<Message> sentMessage(Effect effect) {
        if (effect instanceof Effect.Send send) {
            return Optional.of(send.message());
        }
        if (effect instanceof Effect.Broadcast broadcast) {
            return Optional.of(broadcast.message());
        }
        return Optional.empty();
    }

    private static List<Transition> run(long seed) {
        Script script = new Script(seed);
        List<Transition> transitions = new ArrayList<>();
        for (int i = 0; i < STEPS; i++) {
            transitions.add(script.step());
        }
        return transitions;
    }

    private static List<NodeId> ids(String... names) {
        return Arrays.stream(names).map(NodeId::new).toList();
    }

    /** One core, its simulated node and a random source of events. */
    private static final class Script implements SimNode.Observer {
        private final SplittableRandom random;
        private final SimNode node = new SimNode(SELF);
        private long nowMillis;
        private long requestCount;
        private Event lastEvent;
        private final List<LogEntry> persisted = new ArrayList<>();

        Script(long seed) {
            random = new SplittableRandom(seed);
        }

        Transition step() {
            Event event = nextEvent();
            lastEvent = event;
            Context context = new Context(SELF, CLUSTER, nowMillis, random.nextLong());
            Transition transition = Paxos.step(context, node.state, event);
            node.execute(transition, this);
            return transition;
        }

        /** A message the core sent must report only what the node persisted. */
        void requireDurable(Message message) {
            PaxosState state = node.state;
            if (message instanceof Promise promise) {
                assertTrue(promise.term() <= state.promisedTerm(), "promise not durable");
            } else if (message instanceof Accepted accepted) {
                boolean logged =
                        persisted.stream()
                                .anyMatch(
                                        e ->
                                                e.term() == accepted.term()
                                                        && e.index() == accepted.index());
                assertTrue(
                        logged || accepted.index() <= state.appliedIndex(),
                        "accepted not durable: " + accepted);
            } else if (message instanceof Accept accept) {
                assertTrue(
                        persisted.contains(
                                new LogEntry(accept.term(), accept.index(), accept.value())),
                        "accept sent before its own persist: " + accept);
            }
        }

        private Event nextEvent() {
            if (node.state.role() == PaxosState.Role.STARTING) {
                return new Event.Recovered(node.recover(this));
            }
            int kind = random.nextInt(100);
            if (kind < 15) {
                nowMillis += random.nextInt(600);
                return new Event.Tick();
            }
            if (kind < 22) {
                return new Event.ClientUpdate(
                        new RequestId(++requestCount),
                        ByteString.utf8("u" + requestCount),
                        random.nextBoolean());
            }
            if (kind < 24) {
                return new Event.DropMaster(new RequestId(++requestCount));
            }
            if (kind < 26) {
                node.crash();
                return new Event.Recovered(node.recover(this));
            }
            if (node.state.isCatchingUp()) {
                return node.finishCatchup(node, this);
            }
            return received();
        }

        private Event received() {
            NodeId from = SENDERS.get(random.nextInt(SENDERS.size()));
            String clusterId = random.nextInt(20) == 0 ? "other" : "test";
            long term = Math.max(-1, node.state.promisedTerm() + random.nextInt(5) - 2);
            long index = Math.max(0, node.state.nextIndex() + random.nextInt(4) - 2);
            Message message =
                    switch (random.nextInt(5)) {
                        case 0 -> new Prepare(term, index);
                        case 1 -> new Promise(term, index, randomEntry(term, index));
                        case 2 -> new Nak(term, term + random.nextInt(3), index);
                        case 3 -> new Accept(term, index, randomValue(from));
                        default -> new Accepted(term, index);
                    };
            return new Event.Received(from, clusterId, message);
        }

        private Optional<LogEntry> randomEntry(long term, long index) {
            if (random.nextBoolean() || term < 0) {
                return Optional.empty();
            }
            return Optional.of(new LogEntry(Math.max(0, term - 1), index, randomValue(SELF)));
        }

        private Value randomValue(NodeId from) {
            if (random.nextBoolean()) {
                return new MasterValue(from, random.nextInt(3));
            }
            return new ClientValue(List.of(ByteString.utf8("v" + random.nextInt(3))), false);
        }

        @Override
        public void accepted(NodeId node, LogEntry entry) {
            persisted.add(entry);
        }

        @Override
        public void applied(NodeId node, long index, Value value, List<RequestId> requestIds) {}

        @Override
        public void replied(NodeId node, Effect.Reply reply) {}
    }
}
