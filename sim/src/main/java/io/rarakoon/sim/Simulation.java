package io.rarakoon.sim;

import io.rarakoon.client.protocol.Request;
import io.rarakoon.kv.UserFunctionRegistry;
import io.rarakoon.node.ClientCall;
import io.rarakoon.node.StorageOptions;
import io.rarakoon.paxos.Cluster;
import io.rarakoon.paxos.MasterMode;
import io.rarakoon.paxos.PaxosState;
import io.rarakoon.paxos.message.NodeId;
import io.rarakoon.sim.check.CheckResult;
import io.rarakoon.sim.check.LinearizabilityChecker;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * One deterministic run of a whole cluster (STYLE.md §12): the production node loop for every node
 * on simulated clocks, disks and network, simulated clients recording a history, and a nemesis
 * injecting the faults the seed chose. A safety phase runs the workload under faults; a liveness
 * phase then heals everything and requires, within {@link Limits#LIVENESS_NANOS_MAX} of simulated
 * time, a master, every request finished and equal applied indexes. {@link Invariants} are checked
 * after every node task; the history must be linearizable and dirty reads must return values that
 * were written. The seed decides everything: the same options give the same trace hash.
 * Single-threaded; the caller's thread runs the whole world.
 */
public final class Simulation {
    /** Largest clock offset between nodes: offsets must not matter, only rates. */
    private static final long CLOCK_OFFSET_NANOS_MAX = 10_000_000_000L;

    /** Clock-rate errors the run draws, within paxos-core's bound (20 per mille). */
    private static final int DRIFT_PPM_MAX =
            io.rarakoon.paxos.Limits.CLOCK_RATE_DRIFT_PERMILLE_MAX * 1_000 - 1_000;

    /** A clock plant's rate error: 3x fast, far beyond the bound. */
    private static final long FAST_PPM = 2_000_000;

    /** A clock plant's rate error: a third of real time, far beyond the bound. */
    private static final long SLOW_PPM = -666_667;

    /**
     * A client's wait for one answer, in leases: long enough to cover an election and a retry, so
     * that few writes end "unknown" (each one widens the checker's search).
     */
    private static final long CLIENT_TIMEOUT_LEASES = 8;

    private final SimulationOptions options;
    private final Knobs knobs;
    private final Trace trace = new Trace();
    private final World world = new World(trace);
    private final Incarnation always = new Incarnation();
    private final SimNetwork network;
    private final List<SimNode> nodes = new ArrayList<>();
    private final Invariants invariants;
    private final History history = new History();
    private final Workload workload;
    private final List<SimClient> clients = new ArrayList<>();
    private final SplittableRandom nemesis;
    private final Optional<SimStreams> streams;
    private int allCrashCyclesLeft;
    private int wipeCount;
    private boolean liveness;

    private Simulation(SimulationOptions options) {
        this.options = options;
        SplittableRandom root = new SplittableRandom(options.seed());
        this.knobs = Knobs.draw(root.split(), options.nodeCount()).forPlant(options.plant());
        List<NodeId> ids = new ArrayList<>();
        for (int i = 0; i < knobs.nodeCount(); i++) {
            ids.add(new NodeId("n" + i));
        }
        Cluster cluster = Cluster.elected("sim", ids, knobs.leaseMillis());
        if (options.plant() == Plant.SMALL_QUORUM) {
            cluster = cluster.withQuorum(Math.max(1, cluster.quorum() - 1));
        }
        if (options.plant() == Plant.FAST_SLAVE_CLOCKS
                || options.plant() == Plant.SLOW_MASTER_CLOCK) {
            // The clock plants need n0 as master, with its normal or slow clock.
            cluster = cluster.withMasterMode(MasterMode.PREFERRED, List.of(ids.get(0)));
        }
        this.network =
                new SimNetwork(
                        world,
                        trace,
                        root.split(),
                        ids,
                        knobs.network(),
                        (to, from, message) -> nodes.get(to).deliver(from, message));
        this.invariants = new Invariants(world, trace, ids.size());
        StorageOptions storage =
                new StorageOptions(
                        knobs.entriesPerSegment(),
                        io.rarakoon.kv.Limits.VALUE_BYTES_MAX_DEFAULT,
                        io.rarakoon.node.Limits.CLIENT_KEY_BYTES_MAX,
                        UserFunctionRegistry.empty(),
                        ids.size() == 1);
        int minority = (ids.size() - 1) / 2;
        NodeListener listener = new NodeListener();
        for (int i = 0; i < ids.size(); i++) {
            SplittableRandom random = root.split();
            SimClock clock =
                    new SimClock(
                            world,
                            random.nextLong(CLOCK_OFFSET_NANOS_MAX),
                            driftPpm(i, random.nextLong(-DRIFT_PPM_MAX, DRIFT_PPM_MAX + 1)));
            nodes.add(
                    new SimNode(
                            i,
                            ids.get(i),
                            world,
                            clock,
                            cluster,
                            storage,
                            network,
                            random,
                            knobs.disk(),
                            options.plant(),
                            i < minority,
                            listener));
        }
        invariants.watch(nodes);
        this.workload = new Workload(root.split(), knobs.keyCount());
        long timeoutNanos = CLIENT_TIMEOUT_LEASES * knobs.leaseMillis() * 1_000_000;
        for (int c = 0; c < knobs.clientCount(); c++) {
            int ops =
                    options.opsCount() / knobs.clientCount()
                            + (c < options.opsCount() % knobs.clientCount() ? 1 : 0);
            clients.add(
                    new SimClient(
                            c,
                            world,
                            trace,
                            root.split(),
                            nodes,
                            history,
                            workload,
                            new ClientObserver(),
                            timeoutNanos,
                            ops));
        }
        this.nemesis = root.split();
        // Drawn last, so that the earlier draws of every seed stay as they were.
        SplittableRandom streamRandom = root.split();
        this.streams =
                streamRandom.nextBoolean()
                        ? Optional.of(
                                new SimStreams(
                                        world,
                                        trace,
                                        streamRandom.split(),
                                        network,
                                        ids,
                                        StreamFaults.draw(streamRandom, knobs.leaseMillis())))
                        : Optional.empty();
        streams.ifPresent(s -> nodes.forEach(node -> node.carryPeersOn(s)));
        this.allCrashCyclesLeft = knobs.allCrashCycles();
    }

    private long driftPpm(int node, long drawn) {
        if (options.plant() == Plant.FAST_SLAVE_CLOCKS && node > 0) {
            return FAST_PPM;
        }
        if (options.plant() == Plant.SLOW_MASTER_CLOCK && node == 0) {
            return SLOW_PPM;
        }
        return drawn;
    }

    /**
     * Runs {@code options} to the end and reports; never throws for a failed check (the result says
     * what failed).
     */
    public static SimulationResult run(SimulationOptions options) {
        return new Simulation(options).execute();
    }

    /** The knobs {@code options} choose, as printed at the start of its run. */
    public static String describe(SimulationOptions options) {
        return new Simulation(options).choices();
    }

    /** The knobs and the network level, as printed at the start of the run. */
    private String choices() {
        return knobs
                + streams.map(s -> " peers over streams " + s.faults())
                        .orElse(" peers over messages");
    }

    private SimulationResult execute() {
        trace.line(0, "seed " + SimulationOptions.hex(options.seed()) + " " + choices());
        Optional<String> failure;
        try {
            failure = phases();
        } catch (RuntimeException | AssertionError e) {
            StringWriter stack = new StringWriter();
            e.printStackTrace(new PrintWriter(stack));
            failure = Optional.of("the simulation threw: " + stack);
        }
        long ops = history.operations().size();
        String summary =
                String.format(
                        Locale.ROOT,
                        "seed %s %s nodes=%d clients=%d keys=%d lease=%dms segment=%d net=%s %s"
                                + " simulated=%.1fs tasks=%d delivered=%d hash=%016x",
                        SimulationOptions.hex(options.seed()),
                        failure.isEmpty() ? "PASS" : "FAIL",
                        knobs.nodeCount(),
                        knobs.clientCount(),
                        knobs.keyCount(),
                        knobs.leaseMillis(),
                        knobs.entriesPerSegment(),
                        streams.map(s -> "streams/resets=" + s.resetCount()).orElse("messages"),
                        history.summary(),
                        world.nowNanos() / 1e9,
                        world.taskCount(),
                        network.deliveredCount()
                                + streams.map(SimStreams::deliveredCount).orElse(0L),
                        trace.hash());
        return new SimulationResult(
                options, summary, failure, trace.hash(), trace.lastLines(), ops, world.nowNanos());
    }

    private Optional<String> phases() {
        for (SimNode node : nodes) {
            startNode(node);
        }
        clients.forEach(SimClient::start);
        world.after(nextFaultNanos(), always, this::act);
        world.runUntil(
                () -> invariants.violation().isPresent() || clientsDone(), Limits.SAFETY_NANOS_MAX);
        if (invariants.violation().isPresent()) {
            return invariants.violation();
        }
        heal();
        long deadline = world.nowNanos() + Limits.LIVENESS_NANOS_MAX;
        boolean live =
                world.runUntil(
                        () ->
                                invariants.violation().isPresent()
                                        || clientsDone() && masterExists() && aligned(),
                        deadline);
        if (invariants.violation().isPresent()) {
            return invariants.violation();
        }
        if (!live) {
            return Optional.of(livenessFailure());
        }
        invariants.checkLogs(nodes);
        if (invariants.violation().isPresent()) {
            return invariants.violation();
        }
        CheckResult check =
                new LinearizabilityChecker(Limits.CHECK_CONFIGURATIONS_MAX)
                        .check(history.operations());
        if (!check.isLinearizable()) {
            return Optional.of("client history " + check.verdict() + ": " + check.report());
        }
        return Optional.empty();
    }

    private void heal() {
        liveness = true;
        trace.line(world.nowNanos(), "liveness phase: heal network, stop faults, restart all");
        network.heal();
        network.setFaults(NetworkFaults.NONE);
        streams.ifPresent(s -> s.setFaults(s.faults().healed()));
        for (SimNode node : nodes) {
            node.setDiskFaults(DiskFaults.NONE);
            if (!node.isUp()) {
                startNode(node);
            }
        }
    }

    private String livenessFailure() {
        StringBuilder why = new StringBuilder("liveness: after ");
        why.append(Limits.LIVENESS_NANOS_MAX / 1_000_000_000).append(" s healed:");
        if (!clientsDone()) {
            why.append(" ").append(history.pendingCount()).append(" requests pending;");
        }
        if (!masterExists()) {
            why.append(" no master;");
        }
        for (SimNode node : nodes) {
            why.append(" ").append(node.id).append("=");
            why.append(
                    node.isUp()
                            ? node.state().stateName() + "@" + node.state().appliedIndex()
                            : "down");
        }
        return why.toString();
    }

    private boolean clientsDone() {
        return history.pendingCount() == 0 && clients.stream().allMatch(SimClient::isDone);
    }

    private boolean masterExists() {
        return nodes.stream()
                .anyMatch(n -> n.isUp() && n.state().canServeReads(n.clock.monotonicMillis()));
    }

    private boolean aligned() {
        if (!nodes.stream().allMatch(SimNode::isUp)) {
            return false;
        }
        long first = nodes.get(0).state().appliedIndex();
        return nodes.stream().allMatch(n -> n.state().appliedIndex() == first);
    }

    private void startNode(SimNode node) {
        invariants.started(node);
        node.start();
        trace.line(world.nowNanos(), node.id + (node.isUp() ? " starts" : " fails to start"));
    }

    private long nextFaultNanos() {
        double mean = knobs.faultPeriodMillis() * 1e6;
        return (long) (-StrictMath.log(1 - nemesis.nextDouble()) * mean);
    }

    /** The nemesis: one fault action, then the next one after a random pause. */
    private void act() {
        if (liveness) {
            return;
        }
        int dice = nemesis.nextInt(100);
        if (dice < 30 && knobs.crashes()) {
            crashMinority();
        } else if (dice < 45) {
            restartOne();
        } else if (dice < 70 && knobs.network().partitions() && nodes.size() > 1) {
            partition();
        } else if (dice < 75 && knobs.network().flapping() && nodes.size() > 1) {
            flap(20);
        } else if (dice < 80 && allCrashCyclesLeft > 0) {
            crashAll();
        } else if (dice < 85 && knobs.wipes() && wipeCount < 2) {
            wipeOne();
        } else if (dice < 95 && knobs.collapses()) {
            collapse();
        }
        world.after(nextFaultNanos(), always, this::act);
    }

    private List<SimNode> up() {
        return nodes.stream().filter(SimNode::isUp).toList();
    }

    private List<SimNode> down() {
        return nodes.stream().filter(n -> !n.isUp()).toList();
    }

    private boolean crashMinority() {
        List<SimNode> up = up();
        if (up.isEmpty() || down().size() >= (nodes.size() - 1) / 2) {
            return false;
        }
        SimNode victim = up.get(nemesis.nextInt(up.size()));
        if (nemesis.nextBoolean()) {
            victim.crashAtNextFsync();
            trace.line(world.nowNanos(), victim.id + " loses power at its next fsync");
            return false;
        }
        crash(victim);
        world.after(pauseNanos(3_000), always, () -> restart(victim));
        return true;
    }

    private void crash(SimNode node) {
        invariants.beforeCrash(node);
        node.crash();
        trace.line(world.nowNanos(), node.id + " crashes");
    }

    private void restart(SimNode node) {
        if (!node.isUp() && !liveness) {
            startNode(node);
        }
    }

    private void restartOne() {
        List<SimNode> down = down();
        if (!down.isEmpty()) {
            restart(down.get(nemesis.nextInt(down.size())));
        }
    }

    private long pauseNanos(long millisMax) {
        return (10 + nemesis.nextLong(millisMax)) * 1_000_000;
    }

    private void partition() {
        int choice = nemesis.nextInt(3);
        if (choice == 2) {
            network.heal();
            trace.line(world.nowNanos(), "network healed");
            return;
        }
        boolean[] group = new boolean[nodes.size()];
        if (choice == 0) {
            int isolated = nemesis.nextInt(nodes.size());
            for (SimNode node : up()) {
                if (node.state().canServeReads(node.clock.monotonicMillis())) {
                    isolated = node.index;
                }
            }
            group[isolated] = true;
        } else {
            for (int i = 0; i < group.length; i++) {
                group[i] = nemesis.nextBoolean();
            }
        }
        network.split(group);
        world.after(
                pauseNanos(5_000),
                always,
                () -> {
                    if (!liveness) {
                        network.heal();
                        trace.line(world.nowNanos(), "network healed");
                    }
                });
    }

    private void flap(int changesLeft) {
        if (liveness || changesLeft == 0) {
            network.heal();
            return;
        }
        boolean[] group = new boolean[nodes.size()];
        for (int i = 0; i < group.length; i++) {
            group[i] = nemesis.nextBoolean();
        }
        network.split(group);
        world.after(pauseNanos(50), always, () -> flap(changesLeft - 1));
    }

    private void crashAll() {
        allCrashCyclesLeft--;
        up().forEach(this::crash);
        trace.line(world.nowNanos(), "every node crashed");
        world.after(pauseNanos(1_000), always, () -> nodes.forEach(this::restart));
    }

    /**
     * Wipes one node, only while every node is up with the same applied index and the same last
     * accepted entry: a wiped node forgot what it accepted and promised, so its knowledge must be
     * on every other node (a value chosen by it and one other node, then wiped, could be chosen
     * again differently; a second wipe before the first caught up would be a majority with
     * amnesia). Both are beyond any fault model.
     */
    private void wipeOne() {
        if (nodes.size() < 3 || network.isPartitioned() || !settled()) {
            return;
        }
        List<SimNode> up = up();
        SimNode victim = up.get(nemesis.nextInt(up.size()));
        crash(victim);
        victim.wipe();
        invariants.wiped(victim);
        wipeCount++;
        trace.line(world.nowNanos(), victim.id + " wiped");
        world.after(pauseNanos(3_000), always, () -> restart(victim));
    }

    private boolean settled() {
        if (!nodes.stream().allMatch(SimNode::isUp)) {
            return false;
        }
        PaxosState first = nodes.get(0).state();
        return nodes.stream()
                .allMatch(
                        n ->
                                n.state().appliedIndex() == first.appliedIndex()
                                        && n.state().lastAccepted().equals(first.lastAccepted()));
    }

    private void collapse() {
        List<SimNode> up = up();
        if (up.isEmpty()) {
            return;
        }
        SimNode node = up.get(nemesis.nextInt(up.size()));
        int keep = 1 + nemesis.nextInt(2);
        trace.line(world.nowNanos(), node.id + " collapse keep " + keep);
        node.submit(new ClientCall(new Request.CollapseTlogs(keep), reply -> {}));
    }

    /** Turns node failures into trace lines, restarts, or violations. */
    private final class NodeListener implements SimNode.Listener {
        @Override
        public void afterTask(SimNode node) {
            invariants.afterTask(node);
        }

        @Override
        public void failed(SimNode node, Throwable error, boolean faultInjected) {
            invariants.afterFailure(node);
            trace.line(world.nowNanos(), node.id + " stops: " + error);
            if (!faultInjected || liveness) {
                invariants.violated(node.id + " stopped without an injected fault: " + error);
                return;
            }
            world.after(pauseNanos(1_000), always, () -> restart(node));
        }

        @Override
        public void refusedToStart(SimNode node, IOException error, boolean faultInjected) {
            trace.line(world.nowNanos(), node.id + " refuses to start: " + error.getMessage());
            if (!faultInjected || liveness) {
                invariants.violated(
                        node.id
                                + " refused to start without an injected fault: "
                                + error.getMessage());
                return;
            }
            world.after(pauseNanos(1_000), always, () -> restart(node));
        }
    }

    /** Checks dirty reads and unexpected answers as clients see them. */
    private final class ClientObserver implements SimClient.Observer {
        @Override
        public void dirtyRead(String key, Optional<String> value) {
            if (value.isPresent() && !workload.wasDrawn(value.get())) {
                invariants.violated(
                        "dirty read of "
                                + key
                                + " returned "
                                + value.get()
                                + ", which no client wrote");
            }
        }

        @Override
        public void unexpected(String what) {
            invariants.violated("unexpected answer: " + what);
        }
    }
}
