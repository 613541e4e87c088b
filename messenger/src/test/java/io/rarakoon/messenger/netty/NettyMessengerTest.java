package io.rarakoon.messenger.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rarakoon.messenger.PeerAddress;
import io.rarakoon.wire.CatchupEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Messengers over real Netty transports on 127.0.0.1 with ephemeral ports: three nodes exchange
 * 100,000 messages, in order per sender; a killed and restarted node gets traffic again. Until the
 * Paxos messages are wired in, the traffic is catch-up entries (index = sequence number, empty
 * payload = probe). Connections are awaited by sending probes until a latch opens, each wait
 * bounded, so nothing depends on timing.
 */
class NettyMessengerTest {
    private static final int PROBE_ATTEMPTS_MAX = 1_000;
    private static final byte[] PAYLOAD = new byte[100];

    /** Counts deliveries per (sender, receiver) and checks that each sender's order is kept. */
    static final class Receiver {
        final String self;
        final Map<String, Long> lastIndexBySender = new ConcurrentHashMap<>();
        final AtomicLong outOfOrderCount = new AtomicLong();
        final Map<String, CountDownLatch> probeLatches = new ConcurrentHashMap<>();
        final CountDownLatch data;

        Receiver(String self, int expectedData) {
            this.self = self;
            this.data = new CountDownLatch(expectedData);
        }

        CountDownLatch probeLatch(String sender) {
            return probeLatches.computeIfAbsent(sender, s -> new CountDownLatch(1));
        }

        void deliver(String sender, Object message) {
            CatchupEntry entry = (CatchupEntry) message;
            if (entry.payload().length == 0) {
                probeLatch(sender).countDown();
                return;
            }
            Long last = lastIndexBySender.put(sender, entry.index());
            if (last != null && entry.index() <= last) {
                outOfOrderCount.incrementAndGet();
            }
            data.countDown();
        }
    }

    /** Sends probes until the receiver has seen one: the link is up. Bounded in count. */
    static void awaitLink(TestNode from, String to, Receiver receiver) throws InterruptedException {
        CountDownLatch latch = receiver.probeLatch(from.name);
        for (int attempt = 0; attempt < PROBE_ATTEMPTS_MAX; attempt++) {
            from.messenger.send(to, new CatchupEntry(0, new byte[0]));
            if (latch.await(20, TimeUnit.MILLISECONDS)) {
                return;
            }
        }
        throw new AssertionError("no link to " + to + " after " + PROBE_ATTEMPTS_MAX + " probes");
    }

    @Test
    void threeMessengersExchangeOneHundredThousandMessages() throws Exception {
        int perLink = 100_000 / 6 + 1;
        List<String> names = List.of("n0", "n1", "n2");
        List<TestNode> nodes = new ArrayList<>();
        List<Receiver> receivers = new ArrayList<>();
        try {
            for (String name : names) {
                nodes.add(TestNode.bind(name, 0));
                receivers.add(new Receiver(name, 2 * perLink));
            }
            for (int i = 0; i < 3; i++) {
                List<PeerAddress> peers = new ArrayList<>();
                for (int j = 0; j < 3; j++) {
                    if (j != i) {
                        peers.add(nodes.get(j).address());
                    }
                }
                nodes.get(i).start(peers, 2 * perLink, receivers.get(i)::deliver, i);
            }
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    if (i != j) {
                        awaitLink(nodes.get(i), names.get(j), receivers.get(j));
                    }
                }
            }
            for (int seq = 1; seq <= perLink; seq++) {
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 3; j++) {
                        if (i != j) {
                            assertTrue(
                                    nodes.get(i)
                                            .messenger
                                            .send(names.get(j), new CatchupEntry(seq, PAYLOAD)));
                        }
                    }
                }
            }
            for (Receiver receiver : receivers) {
                assertTrue(receiver.data.await(60, TimeUnit.SECONDS), receiver.self + " missed");
                assertEquals(0, receiver.outOfOrderCount.get());
            }
            for (TestNode node : nodes) {
                node.messenger.stats().forEach(s -> assertEquals(0, s.droppedBufferFullCount()));
            }
        } finally {
            nodes.forEach(TestNode::close);
        }
    }

    @Test
    void trafficResumesAfterAPeerIsKilledAndRestarted() throws Exception {
        TestNode a = TestNode.bind("a", 0);
        TestNode b = TestNode.bind("b", 0);
        int portOfB = b.port();
        TestNode restarted = null;
        try {
            Receiver first = new Receiver("b", 0);
            a.start(List.of(b.address()), 64, (peer, message) -> {}, 1);
            b.start(List.of(a.address()), 64, first::deliver, 2);
            awaitLink(a, "b", first);
            b.close();

            restarted = TestNode.bind("b", portOfB);
            Receiver second = new Receiver("b", 0);
            restarted.start(List.of(a.address()), 64, second::deliver, 3);
            // The restarted node received a probe sent after the restart: traffic resumed.
            awaitLink(a, "b", second);
        } finally {
            a.close();
            if (restarted != null) {
                restarted.close();
            }
        }
    }
}
