package io.rarakoon.bin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rarakoon.client.ArakoonClient;
import io.rarakoon.client.ClientConfig;
import io.rarakoon.client.protocol.ByteString;
import io.rarakoon.client.protocol.Consistency;
import io.rarakoon.client.protocol.Request;
import io.rarakoon.client.protocol.RequestEncoder;
import io.rarakoon.node.Node;
import io.rarakoon.node.config.ClusterConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Well-behaved clients next to hostile connections, on an in-JVM one-node cluster on 127.0.0.1:
 * four clients each write and read back their own keys, once to warm up, then alone, then while 20
 * slow readers pipeline reads of a 1 MiB value and never read an answer, 20 half-open connections
 * send half a request and stop, and 20 garbage senders send random bytes. The well-behaved clients
 * must finish with every answer right; their p99 latency in both runs is printed, not asserted
 * (timing claims belong in benchmarks). The slow readers would make the node queue 20 x 32 MiB of
 * answers if it ignored writability; it holds about one answer per connection instead. Every wait
 * is bounded.
 */
class HostileClientsTest {
    private static final int GOOD_CLIENT_COUNT = 4;
    private static final int OPS_PER_CLIENT = 100;
    private static final int HOSTILE_PER_KIND = 20;
    private static final int BIG_VALUE_BYTES = 1024 * 1024;
    private static final long WAIT_SECONDS_MAX = 120;

    @Test
    void wellBehavedClientsFinishRightNextToSlowHalfOpenAndGarbageConnections(@TempDir Path dir)
            throws Exception {
        Path file =
                TestClusterFile.write(
                        dir,
                        "[cluster]\nid = \"hostile\"\nlease_period_millis = 1000\n"
                                + "max_connections = 100\n",
                        1);
        ClusterConfig config = ConfigLoader.load(file);
        int port = config.nodes().get(0).clientPort();
        Node node = Node.start(config, "node_0");
        try (ArakoonClient setup = ArakoonClient.create(client(port))) {
            setup.set(ByteString.utf8("big"), ByteString.of(new byte[BIG_VALUE_BYTES]));
            runGoodClients(port, "warm-up"); // so that JIT compilation does not skew "alone"
            long[] alone = runGoodClients(port, "alone");
            List<Socket> hostile = new ArrayList<>();
            ExecutorService garbage = Executors.newFixedThreadPool(2);
            try {
                openSlowReaders(port, hostile);
                openHalfOpen(port, hostile);
                List<Future<Boolean>> senders = new ArrayList<>();
                for (int i = 0; i < HOSTILE_PER_KIND; i++) {
                    long seed = i;
                    senders.add(garbage.submit(() -> sendGarbage(port, seed)));
                }
                long[] nextToHostile = runGoodClients(port, "hostile");
                int closedCount = 0;
                for (Future<Boolean> sender : senders) {
                    closedCount += sender.get(WAIT_SECONDS_MAX, TimeUnit.SECONDS) ? 1 : 0;
                }
                System.out.printf(
                        "good clients p99: %.2f ms alone, %.2f ms next to %d hostile"
                                + " connections (%d ops each run); %d of %d garbage senders"
                                + " were cut off early%n",
                        p99Millis(alone),
                        p99Millis(nextToHostile),
                        3 * HOSTILE_PER_KIND,
                        alone.length,
                        closedCount,
                        HOSTILE_PER_KIND);
            } finally {
                garbage.shutdownNow();
                for (Socket socket : hostile) {
                    socket.close();
                }
            }
            assertEquals(BIG_VALUE_BYTES, setup.get(ByteString.utf8("big")).length());
        } finally {
            node.close();
        }
    }

    private static ClientConfig client(int port) {
        return ClientConfig.builder("hostile")
                .node("node_0", "127.0.0.1", port)
                .deadlineMillis(WAIT_SECONDS_MAX * 1000)
                .build();
    }

    /** Runs the good clients to the end; returns every operation's latency in nanoseconds. */
    private static long[] runGoodClients(int port, String run) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(GOOD_CLIENT_COUNT);
        try {
            List<Future<long[]>> results = new ArrayList<>();
            for (int c = 0; c < GOOD_CLIENT_COUNT; c++) {
                String prefix = run + "/" + c + "/";
                results.add(threads.submit(() -> goodClient(port, prefix)));
            }
            long[] all = new long[0];
            for (Future<long[]> result : results) {
                long[] some = result.get(WAIT_SECONDS_MAX, TimeUnit.SECONDS);
                long[] merged = Arrays.copyOf(all, all.length + some.length);
                System.arraycopy(some, 0, merged, all.length, some.length);
                all = merged;
            }
            return all;
        } finally {
            threads.shutdownNow();
        }
    }

    /** Sets and reads back its own keys; every answer must be right. */
    private static long[] goodClient(int port, String prefix) {
        long[] latencies = new long[2 * OPS_PER_CLIENT];
        try (ArakoonClient client = ArakoonClient.create(client(port))) {
            for (int i = 0; i < OPS_PER_CLIENT; i++) {
                ByteString key = ByteString.utf8(prefix + i);
                ByteString value = ByteString.utf8("value " + prefix + i);
                long start = System.nanoTime();
                client.set(key, value);
                long set = System.nanoTime();
                ByteString read = client.get(key);
                latencies[2 * i] = set - start;
                latencies[2 * i + 1] = System.nanoTime() - set;
                assertEquals(value, read);
            }
        }
        return latencies;
    }

    /** Pipelines 64 reads of the 1 MiB value on each connection and never reads an answer. */
    private static void openSlowReaders(int port, List<Socket> hostile) throws IOException {
        ByteArrayOutputStream requests = new ByteArrayOutputStream();
        requests.writeBytes(RequestEncoder.encodePrologue(ByteString.utf8("hostile")));
        byte[] get =
                RequestEncoder.encode(
                        new Request.Get(Consistency.CONSISTENT, ByteString.utf8("big")));
        for (int i = 0; i < 64; i++) {
            requests.writeBytes(get);
        }
        for (int i = 0; i < HOSTILE_PER_KIND; i++) {
            Socket socket = new Socket("127.0.0.1", port);
            socket.setReceiveBufferSize(4096);
            hostile.add(socket);
            socket.getOutputStream().write(requests.toByteArray());
            socket.getOutputStream().flush();
        }
    }

    /** Sends the prologue and the first half of a request, then nothing. */
    private static void openHalfOpen(int port, List<Socket> hostile) throws IOException {
        byte[] set =
                RequestEncoder.encode(
                        new Request.Set(ByteString.utf8("half"), ByteString.utf8("open")));
        for (int i = 0; i < HOSTILE_PER_KIND; i++) {
            Socket socket = new Socket("127.0.0.1", port);
            hostile.add(socket);
            OutputStream out = socket.getOutputStream();
            out.write(RequestEncoder.encodePrologue(ByteString.utf8("hostile")));
            out.write(set, 0, set.length / 2);
            out.flush();
        }
    }

    /**
     * A valid prologue, then 1 MiB of random bytes; returns whether the node closed the connection
     * before all of them were written (it answers the first bad request and closes).
     */
    private static boolean sendGarbage(int port, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(RequestEncoder.encodePrologue(ByteString.utf8("hostile")));
            byte[] chunk = new byte[4096];
            for (int i = 0; i < 256; i++) {
                random.nextBytes(chunk);
                out.write(chunk);
            }
            out.flush();
            return false;
        } catch (IOException closedByTheNode) {
            return true;
        }
    }

    private static double p99Millis(long[] latenciesNanos) {
        long[] sorted = latenciesNanos.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.ceil(0.99 * sorted.length) - 1] / 1e6;
    }
}
