package io.rarakoon.bin.ops;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.rarakoon.bin.TestClusterFile;
import io.rarakoon.client.ArakoonClient;
import io.rarakoon.client.ClientConfig;
import io.rarakoon.client.InconsistentReadException;
import io.rarakoon.client.protocol.ByteString;
import io.rarakoon.client.protocol.Consistency;
import io.rarakoon.client.protocol.Entry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A cluster of node processes for the operations scenarios: {@code node_0..node_{n-1}} run as
 * separate JVMs from the built {@code rarakoon.jar} ({@code java -jar rarakoon.jar --config F
 * --node N}) on ports picked free. The fixture starts, stops (SIGTERM), kills (SIGKILL), restarts
 * and wipes nodes, runs any CLI command as a process and captures its exit code, stdout and stderr,
 * and offers bounded waits: for a master, for a node to catch up, for a node to exit.
 *
 * <p>Every wait is bounded by {@link #WAIT_MILLIS_MAX} (or the caller's bound); polls pause by
 * waiting on a running node process, so a node that dies meanwhile is noticed at once and fails the
 * wait with the folder of its log. Node output and data stay in {@code target/ops-<name>-*} for a
 * post-mortem. {@link #close()} destroys every process it started. Test threads only; not
 * thread-safe except {@link #client()} and {@link #readAll}.
 */
public final class ProcessCluster implements AutoCloseable {
    /** The longest a single wait (a start, an election, a stop, a catch-up) may take. */
    public static final long WAIT_MILLIS_MAX = 60_000;

    /** The pause between two polls of a bounded wait loop. */
    private static final long POLL_MILLIS = 50;

    /** Entries per range_entries request when reading a whole store. */
    private static final int RANGE_PAGE_ENTRIES = 100;

    /** Pages read at most by {@link #readAll}: bounds it to a million keys. */
    private static final int RANGE_PAGES_MAX = 10_000;

    /** What a node logs once it serves clients, right before it can stop cleanly on SIGTERM. */
    private static final String SERVING_LINE = "serves clients on port";

    /** The heap of every node JVM: enough for the scenarios' stores, small for 2 cores. */
    private static final String NODE_HEAP = "-Xmx256m";

    private final Path jar;
    private final Path folder;
    private final Path configFile;
    private final String clusterId;
    private final String address;
    private final List<String> nodes;
    private final List<String> voters;
    private final List<Integer> clientPorts;
    private final long leaseMillis;
    private final List<Integer> messagingPorts;
    private final Optional<PortBlocker> blocker;
    private final Map<String, Process> running = new TreeMap<>();

    /** How many times each node's log said it serves, when it was last started. */
    private final Map<String, Integer> servingLinesAtStart = new TreeMap<>();

    private ProcessCluster(Builder builder, Path folder, List<Integer> ports) throws IOException {
        this.jar = jarPath();
        this.folder = folder;
        this.clusterId = builder.clusterId;
        this.address = builder.address;
        this.leaseMillis = builder.leaseMillis;
        this.nodes = new ArrayList<>();
        this.voters = new ArrayList<>();
        for (int i = 0; i < builder.nodeCount; i++) {
            nodes.add("node_" + i);
            if (!builder.nodeKeys.getOrDefault(i, "").contains("\"learner\"")) {
                voters.add("node_" + i);
            }
        }
        this.clientPorts = ports.subList(0, builder.nodeCount);
        int half = ports.size() / 2;
        this.messagingPorts = ports.subList(half, half + builder.nodeCount);
        this.blocker =
                builder.blockablePorts
                        ? Optional.of(new PortBlocker(nodes, messagingPorts))
                        : Optional.empty();
        this.configFile =
                TestClusterFile.write(
                        folder,
                        builder.sections(),
                        builder.nodeCount,
                        ports,
                        builder.address,
                        i -> builder.nodeKeys.getOrDefault(i, ""));
    }

    /** A cluster of {@code nodeCount} nodes named after {@code scenario}; nothing runs yet. */
    public static Builder builder(String scenario, int nodeCount) {
        return new Builder(scenario, nodeCount);
    }

    /** The built jar, from failsafe's {@code rarakoon.jar} property. */
    static Path jarPath() {
        return Path.of(System.getProperty("rarakoon.jar", "target/rarakoon.jar")).toAbsolutePath();
    }

    /** Configures a {@link ProcessCluster}. */
    public static final class Builder {
        private final String scenario;
        private final int nodeCount;
        private String clusterId = "ops";
        private String address = "127.0.0.1";
        private long leaseMillis = 2_000;
        private String clusterKeys = "";
        private String otherSections = "";
        private final Map<Integer, String> nodeKeys = new TreeMap<>();
        private boolean blockablePorts;

        private Builder(String scenario, int nodeCount) {
            this.scenario = scenario;
            this.nodeCount = nodeCount;
        }

        /** The master lease; short by default (2 s) so that elections are quick. */
        public Builder leaseMillis(long millis) {
            this.leaseMillis = millis;
            return this;
        }

        /** The listen address of every node, e.g. {@code ::1}. */
        public Builder address(String listen) {
            this.address = listen;
            return this;
        }

        /** Lines added to the {@code [cluster]} table, each ending in a newline. */
        public Builder clusterKeys(String lines) {
            this.clusterKeys += lines;
            return this;
        }

        /** Tables after {@code [cluster]}, e.g. {@code [wal]} and {@code [collapse]}. */
        public Builder sections(String tables) {
            this.otherSections += tables;
            return this;
        }

        /**
         * Relays the nodes' messaging traffic through a {@link PortBlocker}, so that {@link #block}
         * and {@link #unblock} can cut a node off its peers.
         */
        public Builder blockablePorts() {
            this.blockablePorts = true;
            return this;
        }

        /** Lines added to node {@code index}'s entry, each ending in a newline. */
        public Builder nodeKeys(int index, String lines) {
            nodeKeys.merge(index, lines, String::concat);
            return this;
        }

        private String sections() {
            return "[cluster]\nid = \""
                    + clusterId
                    + "\"\nlease_period_millis = "
                    + leaseMillis
                    + "\n"
                    + clusterKeys
                    + otherSections;
        }

        /** Writes the cluster file into a fresh folder beside the jar; starts nothing. */
        public ProcessCluster build() throws IOException {
            Path parent = jarPath().getParent();
            Path folder = Files.createTempDirectory(parent, "ops-" + scenario + "-");
            return new ProcessCluster(this, folder, TestClusterFile.freePorts(2 * nodeCount));
        }
    }

    /** The result of one CLI command run as a process. */
    public record CliResult(int exitCode, String out, String err) {
        /** Exit code, stdout and stderr on one line, for assertion messages. */
        @Override
        public String toString() {
            return "exit "
                    + exitCode
                    + ", stdout ["
                    + out.strip()
                    + "], stderr ["
                    + err.strip()
                    + "]";
        }
    }

    /** The names of every node, in file order. */
    public List<String> nodes() {
        return List.copyOf(nodes);
    }

    /**
     * The first node, in file order, other than {@code node}: a slave once {@code node} is master.
     */
    public String anotherThan(String node) {
        return nodes.stream().filter(n -> !n.equals(node)).findFirst().orElseThrow();
    }

    /** The folder of the cluster file, node homes and logs. */
    public Path folder() {
        return folder;
    }

    /** The cluster file. */
    public Path configFile() {
        return configFile;
    }

    /** The master lease in milliseconds. */
    public long leaseMillis() {
        return leaseMillis;
    }

    /** The home (and log) folder of {@code node}. */
    public Path home(String node) {
        return folder.resolve(node);
    }

    /** Starts every node that is not running. */
    public void startAll() {
        nodes.stream().filter(n -> !running.containsKey(n)).forEach(this::start);
    }

    /** Starts {@code node}; its output is appended to {@code <folder>/<node>.log}. */
    public void start(String node) {
        assertTrue(!running.containsKey(node), node + " runs already");
        ProcessBuilder builder =
                new ProcessBuilder(
                                javaCommand(
                                        "-ea",
                                        NODE_HEAP,
                                        "-jar",
                                        jar.toString(),
                                        "--config",
                                        nodeConfigFile(node).toString(),
                                        "--node",
                                        node))
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile(node).toFile()));
        servingLinesAtStart.put(node, servingLines(node));
        try {
            running.put(node, builder.start());
        } catch (IOException e) {
            fail("cannot start " + node + " from " + jar, e);
        }
    }

    /**
     * The cluster file {@code node} starts with: the cluster file itself, or with blockable ports a
     * copy written now in which every other node's messaging port is the relay to it.
     */
    private Path nodeConfigFile(String node) {
        if (blocker.isEmpty()) {
            return configFile;
        }
        try {
            String text = Files.readString(configFile, StandardCharsets.UTF_8);
            for (int i = 0; i < nodes.size(); i++) {
                String peer = nodes.get(i);
                if (!peer.equals(node)) {
                    int relay = blocker.get().relayPort(node, peer);
                    text =
                            text.replace(
                                    "messaging_port = " + messagingPorts.get(i) + "\n",
                                    "messaging_port = " + relay + "\n");
                }
            }
            Path file = folder.resolve("cluster-" + node + ".toml");
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Cuts {@code node} off its peers (needs {@link Builder#blockablePorts}). */
    public void block(String node) {
        blocker.orElseThrow().block(node);
    }

    /** Ends the cut of {@code node}. */
    public void unblock(String node) {
        blocker.orElseThrow().unblock(node);
    }

    /** Whether {@code node} was started and has not been stopped, killed or seen to exit. */
    public boolean isRunning(String node) {
        return running.containsKey(node);
    }

    /** The operating-system process id of the running {@code node}. */
    public long pid(String node) {
        return process(node).pid();
    }

    /** SIGTERM, then a bounded wait for the exit; returns the exit code. */
    public int stop(String node) {
        Process process = process(node);
        process.destroy();
        return awaitExit(node, WAIT_MILLIS_MAX);
    }

    /** SIGKILL, then a bounded wait until the process is gone. */
    public void kill(String node) {
        destroyForcibly(running.remove(node));
    }

    /**
     * Waits until {@code node} serves, stops it with SIGTERM (it must exit 0), starts it again and
     * waits until it serves.
     */
    public void restart(String node) {
        awaitServing(node);
        int code = stop(node);
        assertTrue(code == 0, node + " exit code " + code + " after SIGTERM; see " + folder);
        start(node);
        awaitServing(node);
    }

    /**
     * Waits until the running {@code node} has logged that it serves clients since its last start
     * (a node asked to stop before that exits without its clean stop).
     */
    public void awaitServing(String node) {
        int before = servingLinesAtStart.get(node);
        awaitTrue(node + " serving", () -> servingLines(node) > before);
    }

    private int servingLines(String node) {
        try {
            return (int) log(node).lines().filter(l -> l.contains(SERVING_LINE)).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the home folder of a node that does not run: its log, head and store are gone. */
    public void wipe(String node) throws IOException {
        assertTrue(!running.containsKey(node), node + " must be stopped before a wipe");
        deleteTree(home(node));
    }

    /**
     * Waits until {@code node} exits by itself (or after a signal sent earlier); returns its exit
     * code. Fails if it runs on after {@code millis}.
     */
    public int awaitExit(String node, long millis) {
        Process process = process(node);
        try {
            if (!process.waitFor(millis, TimeUnit.MILLISECONDS)) {
                fail(node + " still runs after " + millis + " ms; see " + folder);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted", e);
        } finally {
            destroyForcibly(running.remove(node));
        }
        return process.exitValue();
    }

    /** Everything {@code node} has written to stdout and stderr so far, across its restarts. */
    public String log(String node) throws IOException {
        Path file = logFile(node);
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    /** Runs {@code rarakoon.jar args} as a process; bounded by {@link #WAIT_MILLIS_MAX}. */
    public CliResult cli(String... args) throws IOException {
        List<String> command = new ArrayList<>(javaCommand("-jar", jar.toString()));
        command.addAll(List.of(args));
        return run(command);
    }

    /** Runs any command of this machine (kill, mount) as a process, bounded like {@link #cli}. */
    public CliResult run(List<String> command) throws IOException {
        Path out = Files.createTempFile(folder, "cli-", ".out");
        Path err = Files.createTempFile(folder, "cli-", ".err");
        Process process =
                new ProcessBuilder(command)
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .start();
        try {
            if (!process.waitFor(WAIT_MILLIS_MAX, TimeUnit.MILLISECONDS)) {
                fail(String.join(" ", command) + " still runs after " + WAIT_MILLIS_MAX + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted", e);
        } finally {
            destroyForcibly(process);
        }
        return new CliResult(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** Runs {@code rarakoon admin --config F --node node args}. */
    public CliResult admin(String node, String... args) throws IOException {
        return cli(
                concat(List.of("admin", "--config", configFile.toString(), "--node", node), args));
    }

    /** Runs {@code rarakoon client --config F args}. */
    public CliResult clientCli(String... args) throws IOException {
        return cli(concat(List.of("client", "--config", configFile.toString()), args));
    }

    /** A client of the voters whose deadline allows a failover. */
    public ArakoonClient client() {
        return ArakoonClient.create(clientConfig().build());
    }

    /** Client settings for the voters: generous deadline, since a failover may lie inside it. */
    public ClientConfig.Builder clientConfig() {
        return clientConfig(voters);
    }

    private ClientConfig.Builder clientConfig(List<String> members) {
        ClientConfig.Builder builder =
                ClientConfig.builder(clusterId).deadlineMillis(WAIT_MILLIS_MAX / 2);
        for (int i = 0; i < nodes.size(); i++) {
            if (members.contains(nodes.get(i))) {
                builder.node(nodes.get(i), address, clientPorts.get(i));
            }
        }
        return builder;
    }

    /** Rewrites the cluster file's text, e.g. to switch the master mode before a restart. */
    public void editConfig(UnaryOperator<String> edit) throws IOException {
        String text = Files.readString(configFile, StandardCharsets.UTF_8);
        Files.writeString(configFile, edit.apply(text), StandardCharsets.UTF_8);
    }

    /** A client for who_master polls: short limits, so that one poll never outlasts a lease. */
    public ArakoonClient observer() {
        return observer(voters);
    }

    /** As {@link #observer()}, asking {@code node} alone. */
    public ArakoonClient observerOf(String node) {
        return observer(List.of(node));
    }

    private ArakoonClient observer(List<String> members) {
        return ArakoonClient.create(
                clientConfig(members)
                        .deadlineMillis(leaseMillis / 2)
                        .requestTimeoutMillis(leaseMillis / 4)
                        .connectTimeoutMillis(leaseMillis / 4)
                        .build());
    }

    /** Polls who_master until it names a node {@code wanted} accepts; returns that node. */
    public String awaitMaster(ArakoonClient observer, Predicate<String> wanted) {
        String[] master = new String[1];
        awaitTrue(
                "a master accepted by the test",
                () -> {
                    Optional<String> named = observer.whoMaster();
                    master[0] = named.orElse(null);
                    return named.isPresent() && wanted.test(named.get());
                });
        return master[0];
    }

    /**
     * Polls {@code condition} until it holds; fails after {@link #WAIT_MILLIS_MAX} or as soon as a
     * running node exits, naming {@code what}.
     */
    public void awaitTrue(String what, BooleanSupplier condition) {
        awaitTrue(what, WAIT_MILLIS_MAX, condition);
    }

    /** As {@link #awaitTrue(String, BooleanSupplier)}, bounded by {@code millis}. */
    public void awaitTrue(String what, long millis, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!condition.getAsBoolean()) {
            assertTrue(
                    System.nanoTime() < deadline,
                    "no " + what + " within " + millis + " ms; logs in " + folder);
            pause();
        }
    }

    /**
     * Reads {@code node}'s whole store with dirty reads on that node, once it has applied the
     * master's current stamp; a fresh nop first makes that stamp one every node must reach. Works
     * for learners too.
     */
    public SortedMap<String, String> awaitCaughtUp(String node, ArakoonClient master) {
        master.nop();
        long stamp = master.getTxid();
        ClientConfig config =
                clientConfig(nodes)
                        .dirtyReadNode(node)
                        .consistency(Consistency.atLeast(stamp))
                        .build();
        List<SortedMap<String, String>> read = new ArrayList<>();
        try (ArakoonClient dirty = ArakoonClient.create(config)) {
            awaitTrue(
                    node + " at stamp " + stamp,
                    () -> {
                        try {
                            read.add(readAll(dirty));
                            return true;
                        } catch (InconsistentReadException behind) {
                            return false;
                        }
                    });
        }
        return read.get(0);
    }

    /**
     * Waits until {@code node} has applied {@code stamp}, polling it with a dirty read that asks
     * for at least that stamp (cheaper than {@link #awaitCaughtUp}, for measurements).
     */
    public void awaitApplied(String node, long stamp) {
        ClientConfig config =
                clientConfig(nodes)
                        .dirtyReadNode(node)
                        .consistency(Consistency.atLeast(stamp))
                        .build();
        try (ArakoonClient dirty = ArakoonClient.create(config)) {
            awaitTrue(
                    node + " at stamp " + stamp,
                    () -> {
                        try {
                            dirty.exists(ByteString.utf8(""));
                            return true;
                        } catch (InconsistentReadException behind) {
                            return false;
                        }
                    });
        }
    }

    /** Sends {@code signal} (e.g. {@code STOP}, {@code CONT}) to the running {@code node}. */
    public void signal(String node, String signal) throws IOException {
        CliResult sent = run(List.of("kill", "-" + signal, Long.toString(pid(node))));
        assertTrue(sent.exitCode() == 0, "kill -" + signal + " " + node + ": " + sent);
    }

    /** Every entry of the store, in key order, by pages of range_entries. */
    public static SortedMap<String, String> readAll(ArakoonClient client) {
        SortedMap<String, String> entries = new TreeMap<>();
        Optional<ByteString> after = Optional.empty();
        for (int page = 0; page < RANGE_PAGES_MAX; page++) {
            List<Entry> got =
                    client.rangeEntries(after, false, Optional.empty(), false, RANGE_PAGE_ENTRIES);
            got.forEach(e -> entries.put(e.key().toUtf8(), e.value().toUtf8()));
            if (got.size() < RANGE_PAGE_ENTRIES) {
                return entries;
            }
            after = Optional.of(got.get(got.size() - 1).key());
        }
        return fail("more than " + RANGE_PAGES_MAX * RANGE_PAGE_ENTRIES + " keys in the store");
    }

    /**
     * Waits {@link #POLL_MILLIS} on a running node instead of sleeping; fails if any running node
     * has exited.
     */
    public void pause() {
        assertTrue(!running.isEmpty(), "no node runs to wait on");
        try {
            running.values().iterator().next().waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted", e);
        }
        running.forEach(
                (name, process) ->
                        assertTrue(process.isAlive(), name + " exited; see " + logFile(name)));
    }

    /** Destroys every node process that still runs (SIGKILL); files stay for a post-mortem. */
    @Override
    public void close() {
        running.values().forEach(ProcessCluster::destroyForcibly);
        running.clear();
        blocker.ifPresent(PortBlocker::close);
    }

    private Process process(String node) {
        Process process = running.get(node);
        assertTrue(process != null, node + " does not run");
        return process;
    }

    private Path logFile(String node) {
        return folder.resolve(node + ".log");
    }

    private static List<String> javaCommand(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(args));
        return command;
    }

    private static String[] concat(List<String> first, String... rest) {
        return Stream.concat(first.stream(), Stream.of(rest)).toArray(String[]::new);
    }

    private static void destroyForcibly(Process process) {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(WAIT_MILLIS_MAX, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Deletes a folder and everything in it, deepest first. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
