package io.rarakoon.bin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.rarakoon.client.ArakoonClient;
import io.rarakoon.client.ArakoonException;
import io.rarakoon.client.ClientConfig;
import io.rarakoon.client.InconsistentReadException;
import io.rarakoon.client.protocol.ByteString;
import io.rarakoon.client.protocol.Consistency;
import io.rarakoon.client.protocol.Entry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The product as operators run it: three node JVMs started from the built jar ({@code java -jar
 * rarakoon.jar --config F --node N}) on 127.0.0.1 ports picked free, with a short lease. Four
 * concurrent clients write 10,000 distinct keys and record each write as acknowledged or of unknown
 * outcome; once half are acknowledged the master is killed with SIGKILL. Checked: a new master
 * within two leases (the one timing assertion, which issue 6 asks for, measured with a bounded
 * who_master loop); every acknowledged write is readable with its value, and every write of unknown
 * outcome is there with its value or absent; the killed node restarts and catches up; SIGTERM stops
 * every node with exit code 0 and a last log line saying its store closed OK (spec §6 #18); after a
 * restart of all three, every node's store (read dirty on that node, At_least the stamp of a fresh
 * nop) is identical to what the cluster held before.
 *
 * <p>Runs in failsafe after {@code package} (the jar's path comes in the {@code rarakoon.jar}
 * property). Node output and data stay in {@code target/process-cluster-it-*} for a post-mortem.
 * Every wait is bounded; polls pause by waiting on the node processes, so a node that dies
 * meanwhile is noticed at once. Every process is destroyed in a finally.
 */
class ProcessClusterIT {
    private static final String CLUSTER_ID = "process_it";
    private static final List<String> NODES = List.of("node_0", "node_1", "node_2");
    private static final String HOST = "127.0.0.1";

    /** Short, so that failover and restarts are quick; the failover bound is twice this. */
    private static final long LEASE_MILLIS = 2_000;

    private static final int WRITERS = 4;
    private static final int KEYS_PER_WRITER = 2_500;
    private static final int KEYS_TOTAL = WRITERS * KEYS_PER_WRITER;

    /**
     * The longest any single wait of this test (a start, an election, a stop, a catch-up) may take.
     */
    private static final long WAIT_MILLIS_MAX = 30_000;

    /** The pause between two polls of a bounded wait loop. */
    private static final long POLL_MILLIS = 50;

    /** Entries per range_entries request when reading a whole store. */
    private static final int RANGE_PAGE_ENTRIES = 1_000;

    private final Path jar = Path.of(System.getProperty("rarakoon.jar", "target/rarakoon.jar"));
    private final Map<String, Integer> clientPorts = new LinkedHashMap<>();
    private final Map<String, Process> running = new TreeMap<>();
    private Path folder;

    /** The outcome of every write: keys map to the value written. */
    private record Ledger(Map<String, String> acknowledged, Map<String, String> unknown) {
        Ledger() {
            this(new ConcurrentSkipListMap<>(), new ConcurrentSkipListMap<>());
        }
    }

    @Test
    void survivesKillingTheMasterAndRestartsIntoIdenticalStores() throws Exception {
        try {
            writeClusterFile();
            NODES.forEach(this::start);
            SortedMap<String, String> stored;
            try (ArakoonClient observer = ArakoonClient.create(observerConfig().build())) {
                awaitMaster(observer, name -> true);
                String killed = writeAndKillTheMaster(observer);
                try (ArakoonClient client = ArakoonClient.create(clientConfig().build())) {
                    stored = readAll(client);
                    start(killed);
                    awaitCaughtUp(killed, client);
                }
            }
            NODES.forEach(this::stopCleanly);

            NODES.forEach(this::start);
            try (ArakoonClient client = ArakoonClient.create(clientConfig().build())) {
                client.nop(); // waits, within the client's deadline, for a master
                for (String node : NODES) {
                    assertEquals(stored, awaitCaughtUp(node, client), node + "'s store");
                }
            }
            NODES.forEach(this::stopCleanly);
        } finally {
            running.values().forEach(ProcessClusterIT::destroyForcibly);
        }
    }

    /**
     * Runs the writers, kills the master once half the keys are acknowledged, checks that a new
     * master follows within two leases and that the stores hold what the writers were told.
     *
     * @return the name of the killed node
     */
    private String writeAndKillTheMaster(ArakoonClient observer) throws Exception {
        Ledger ledger = new Ledger();
        CountDownLatch halfway = new CountDownLatch(KEYS_TOTAL / 2);
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        String master;
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                done.add(writers.submit(() -> write(writer, ledger, halfway)));
            }
            assertTrue(
                    halfway.await(2 * WAIT_MILLIS_MAX, TimeUnit.MILLISECONDS), "half the writes");
            master = awaitMaster(observer, name -> true);
            long killedAtNanos = System.nanoTime();
            destroyForcibly(running.remove(master));
            String next = awaitMaster(observer, name -> !name.equals(master));
            long failoverMillis = (System.nanoTime() - killedAtNanos) / 1_000_000;
            assertTrue(
                    failoverMillis <= 2 * LEASE_MILLIS,
                    next + " became master " + failoverMillis + " ms after " + master + " died");
            System.out.printf(
                    Locale.ROOT,
                    "killed master %s; %s master after %d ms (bound %d ms)%n",
                    master,
                    next,
                    failoverMillis,
                    2 * LEASE_MILLIS);
            for (Future<?> writer : done) {
                writer.get(2 * WAIT_MILLIS_MAX, TimeUnit.MILLISECONDS);
            }
        } finally {
            writers.shutdownNow();
        }
        assertEquals(KEYS_TOTAL, ledger.acknowledged().size() + ledger.unknown().size());
        System.out.printf(
                Locale.ROOT,
                "%d writes acknowledged, %d of unknown outcome; logs and data in %s%n",
                ledger.acknowledged().size(),
                ledger.unknown().size(),
                folder);
        try (ArakoonClient client = ArakoonClient.create(clientConfig().build())) {
            checkAgainstLedger(readAll(client), ledger);
        }
        return master;
    }

    /** One writer: its own client, its own keys, each written once. */
    private Void write(int writer, Ledger ledger, CountDownLatch halfway) {
        try (ArakoonClient client = ArakoonClient.create(clientConfig().build())) {
            for (int i = 0; i < KEYS_PER_WRITER; i++) {
                String key = String.format(Locale.ROOT, "key/%d/%05d", writer, i);
                String value = "value " + writer + " " + i;
                try {
                    client.set(ByteString.utf8(key), ByteString.utf8(value));
                    ledger.acknowledged().put(key, value);
                    halfway.countDown();
                } catch (ArakoonException e) {
                    // Lost answer, no master before the deadline, an error frame: the test
                    // assumes nothing about whether such a write was applied.
                    ledger.unknown().put(key, value);
                }
            }
        }
        return null;
    }

    private static void checkAgainstLedger(SortedMap<String, String> stored, Ledger ledger) {
        ledger.acknowledged()
                .forEach(
                        (key, value) ->
                                assertEquals(value, stored.get(key), "acknowledged " + key));
        ledger.unknown()
                .forEach(
                        (key, value) -> {
                            String found = stored.get(key);
                            assertTrue(
                                    found == null || found.equals(value),
                                    "unknown-outcome " + key + " holds " + found);
                        });
        stored.keySet()
                .forEach(
                        key ->
                                assertTrue(
                                        ledger.acknowledged().containsKey(key)
                                                || ledger.unknown().containsKey(key),
                                        "never written: " + key));
    }

    /**
     * Reads {@code node}'s whole store with dirty reads on that node, once it has applied the
     * master's current stamp; a fresh nop first makes that stamp one every node must reach.
     */
    private SortedMap<String, String> awaitCaughtUp(String node, ArakoonClient master) {
        master.nop();
        long stamp = master.getTxid();
        ClientConfig config =
                clientConfig().dirtyReadNode(node).consistency(Consistency.atLeast(stamp)).build();
        long deadline = System.nanoTime() + WAIT_MILLIS_MAX * 1_000_000;
        try (ArakoonClient dirty = ArakoonClient.create(config)) {
            while (true) {
                try {
                    return readAll(dirty);
                } catch (InconsistentReadException behind) {
                    assertTrue(System.nanoTime() < deadline, node + " never reached " + stamp);
                    pause();
                }
            }
        }
    }

    /** Every entry of the store, in key order, by pages of range_entries. */
    private static SortedMap<String, String> readAll(ArakoonClient client) {
        SortedMap<String, String> entries = new TreeMap<>();
        Optional<ByteString> after = Optional.empty();
        for (int page = 0; page <= KEYS_TOTAL / RANGE_PAGE_ENTRIES + 1; page++) {
            List<Entry> got =
                    client.rangeEntries(after, false, Optional.empty(), false, RANGE_PAGE_ENTRIES);
            got.forEach(e -> entries.put(e.key().toUtf8(), e.value().toUtf8()));
            if (got.size() < RANGE_PAGE_ENTRIES) {
                return entries;
            }
            after = Optional.of(got.get(got.size() - 1).key());
        }
        return fail("more than " + KEYS_TOTAL + " keys in the store");
    }

    /** Polls who_master until it names a node {@code wanted} accepts; returns that node. */
    private String awaitMaster(ArakoonClient observer, Predicate<String> wanted) {
        long deadline = System.nanoTime() + WAIT_MILLIS_MAX * 1_000_000;
        while (System.nanoTime() < deadline) {
            Optional<String> master = observer.whoMaster();
            if (master.isPresent() && wanted.test(master.get())) {
                return master.get();
            }
            pause();
        }
        return fail("no new master within " + WAIT_MILLIS_MAX + " ms; logs in " + folder);
    }

    /** Waits {@link #POLL_MILLIS} on the running nodes instead of sleeping: none may exit. */
    private void pause() {
        Process any = running.values().iterator().next();
        try {
            assertFalse(any.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS), "a node exited");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted", e);
        }
        running.forEach(
                (name, process) -> assertTrue(process.isAlive(), name + " exited; see " + folder));
    }

    private void start(String node) {
        ProcessBuilder builder =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-ea",
                                "-Xmx256m",
                                "-jar",
                                jar.toAbsolutePath().toString(),
                                "--config",
                                folder.resolve("cluster.toml").toString(),
                                "--node",
                                node)
                        .redirectErrorStream(true)
                        .redirectOutput(
                                ProcessBuilder.Redirect.appendTo(
                                        folder.resolve(node + ".log").toFile()));
        try {
            running.put(node, builder.start());
        } catch (IOException e) {
            fail("cannot start " + node + " from " + jar, e);
        }
    }

    /** SIGTERM, then a bounded wait for the clean exit the node promises. */
    private void stopCleanly(String node) {
        Process process = running.remove(node);
        process.destroy();
        try {
            assertTrue(process.waitFor(WAIT_MILLIS_MAX, TimeUnit.MILLISECONDS), node + " stops");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted", e);
        } finally {
            destroyForcibly(process);
        }
        assertEquals(0, process.exitValue(), node + " exit code after SIGTERM");
        String log = readLog(node);
        assertTrue(
                log.lastIndexOf("closed the store: OK")
                        > log.lastIndexOf("starts with random seed"),
                node + " logs a clean close of its store last (spec §6 #18)");
    }

    private String readLog(String node) {
        try {
            return Files.readString(folder.resolve(node + ".log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return fail("cannot read the log of " + node, e);
        }
    }

    private static void destroyForcibly(Process process) {
        process.destroyForcibly();
        try {
            process.waitFor(WAIT_MILLIS_MAX, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeClusterFile() throws IOException {
        // A fresh folder per run, so that runs in parallel checkouts' builds never collide.
        folder = Files.createTempDirectory(jar.toAbsolutePath().getParent(), "process-cluster-it-");
        StringBuilder toml =
                new StringBuilder(
                        "[cluster]\nid = \""
                                + CLUSTER_ID
                                + "\"\nlease_period_millis = "
                                + LEASE_MILLIS
                                + "\n");
        for (String node : NODES) {
            clientPorts.put(node, freePort());
            toml.append(
                    String.format(
                            Locale.ROOT,
                            "%n[[nodes]]%nname = \"%s\"%naddresses = [\"%s\"]%n"
                                    + "client_port = %d%nmessaging_port = %d%nhome_dir = \"%s\"%n",
                            node,
                            HOST,
                            clientPorts.get(node),
                            freePort(),
                            node));
        }
        Files.writeString(folder.resolve("cluster.toml"), toml, StandardCharsets.UTF_8);
    }

    /** A client for the writers and readers: generous deadline, since a failover lies inside it. */
    private ClientConfig.Builder clientConfig() {
        ClientConfig.Builder builder =
                ClientConfig.builder(CLUSTER_ID).deadlineMillis(WAIT_MILLIS_MAX);
        clientPorts.forEach((name, port) -> builder.node(name, HOST, port));
        return builder;
    }

    /** A client for who_master polls: short limits, so one poll never outlasts the lease. */
    private ClientConfig.Builder observerConfig() {
        return clientConfig()
                .deadlineMillis(LEASE_MILLIS / 2)
                .requestTimeoutMillis(LEASE_MILLIS / 4)
                .connectTimeoutMillis(LEASE_MILLIS / 4);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
