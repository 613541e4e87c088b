package io.rarakoon.paxos;

import io.rarakoon.paxos.message.ByteString;
import io.rarakoon.paxos.message.LogEntry;
import io.rarakoon.paxos.message.NodeId;
import io.rarakoon.paxos.message.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A deterministic in-memory network of cores driven by one seed: messages are values delivered
 * after a random latency (so reordered), lost, duplicated or cut by non-transitive link partitions;
 * nodes crash and restart from what they persisted; every node's clock runs at its own rate within
 * {@link Limits#CLOCK_RATE_DRIFT_PERMILLE_MAX}. Faults stop at {@link #FAULTS_END_MILLIS}. After
 * every step it checks: at most one master per term, no two values chosen (accepted by a majority)
 * at one index, every applied value identical on every node and equal to the chosen one, no two
 * nodes serving lease reads at once; and at the end that a master came up soon after the faults
 * stopped, that a probe update then reached every node, and that every client request got exactly
 * one answer. A violation throws an AssertionError.
 */
final class Network implements SimNode.Observer {

    /** How a node computes a step; tests plant bugs by wrapping {@link Paxos#step}. */
    interface Stepper {
        Transition step(Context context, PaxosState state, Event event);
    }

    static final long LEASE_MILLIS = 1000;
    static final long FAULTS_END_MILLIS = 12_000;
    static final long PROBE_AT_MILLIS = FAULTS_END_MILLIS + 8 * LEASE_MILLIS;
    static final long END_MILLIS = PROBE_AT_MILLIS + 4 * LEASE_MILLIS;
    private static final long TICK_MILLIS = LEASE_MILLIS / 10;
    private static final long CLIENT_PERIOD_MILLIS = 150;

    /** Latency stays well below the lease, as Arakoon assumes (spec §1.8). */
    private static final long LATENCY_MILLIS_MAX = LEASE_MILLIS / 10;

    private static final int EVENTS_MAX = 2_000_000;

    /** {@code -Dpaxos.trace=true} prints every step, for reading a failing seed. */
    private static final boolean TRACE = Boolean.getBoolean("paxos.trace");

    private record Scheduled(long atMillis, long sequence, Runnable action)
            implements Comparable<Scheduled> {
        @Override
        public int compareTo(Scheduled other) {
            int byTime = Long.compare(atMillis, other.atMillis);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }

    private record Submitted(NodeId node, int incarnation) {}

    private final SplittableRandom random;
    private final Cluster cluster;
    private final Stepper stepper;
    private final Map<NodeId, SimNode> nodes = new TreeMap<>();
    private final Map<NodeId, Integer> incarnations = new TreeMap<>();
    private final Map<NodeId, long[]> clocks = new TreeMap<>();
    private final PriorityQueue<Scheduled> queue = new PriorityQueue<>();
    private final TreeSet<String> cutLinks = new TreeSet<>();
    private final Map<Long, NodeId> masterOfTerm = new HashMap<>();
    private final Map<Long, Map<Long, Map<Value, TreeSet<NodeId>>>> acceptances = new HashMap<>();
    private final Map<Long, Value> chosen = new HashMap<>();
    private final Map<Long, Value> appliedValues = new HashMap<>();
    private final Map<RequestId, Submitted> requests =
            new TreeMap<>((a, b) -> Long.compare(a.value(), b.value()));
    private final Map<RequestId, String> answers = new HashMap<>();
    private final int lossPermille;
    private final int duplicatePermille;
    private final long latencyMillisMax;
    private long nowMillis;
    private long sequence;
    private long requestCount;
    private long probeIndex = -1;
    private long chosenTermMax;

    Network(long seed, Cluster cluster, Stepper stepper) {
        this(seed, cluster, stepper, 0);
    }

    /**
     * A network where every node but {@code n0} runs its clock at {@code fastRatePermille} (when
     * not 0): drift beyond the model, for the planted-bug test.
     */
    Network(long seed, Cluster cluster, Stepper stepper, long fastRatePermille) {
        this.random = new SplittableRandom(seed);
        this.cluster = cluster;
        this.stepper = stepper;
        this.lossPermille = random.nextInt(200);
        this.duplicatePermille = random.nextInt(100);
        this.latencyMillisMax = 1 + random.nextInt((int) LATENCY_MILLIS_MAX);
        int drift = Limits.CLOCK_RATE_DRIFT_PERMILLE_MAX;
        for (NodeId id : members()) {
            nodes.put(id, new SimNode(id));
            incarnations.put(id, 0);
            long rate = 1000 - drift + random.nextInt(2 * drift + 1);
            clocks.put(id, new long[] {random.nextInt(1_000_000), rate});
        }
        if (fastRatePermille != 0) {
            clocks.forEach(
                    (id, clock) -> clock[1] = id.name().equals("n0") ? 1000 : fastRatePermille);
        }
    }

    /** A random cluster for one seed: 3 or 5 voters, sometimes a learner, a witness, a mode. */
    static Cluster randomCluster(long seed) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x5eed);
        int voterCount = random.nextInt(3) == 0 ? 5 : 3;
        List<NodeId> voters = new ArrayList<>();
        for (int i = 0; i < voterCount; i++) {
            voters.add(new NodeId("n" + i));
        }
        Cluster cluster = Cluster.elected("sim", voters, LEASE_MILLIS);
        List<NodeId> learners = random.nextInt(4) == 0 ? List.of(new NodeId("l0")) : List.of();
        List<NodeId> witnesses =
                random.nextInt(4) == 0 ? List.of(voters.get(voterCount - 1)) : List.of();
        cluster = cluster.withFollowers(witnesses, learners);
        int mode = random.nextInt(8);
        if (mode == 0) {
            return cluster.withMasterMode(MasterMode.FORCED, List.of(voters.get(0)));
        }
        if (mode == 1) {
            return cluster.withMasterMode(MasterMode.PREFERRED, List.of(voters.get(1)));
        }
        return cluster;
    }

    private List<NodeId> members() {
        List<NodeId> all = new ArrayList<>(cluster.voters());
        all.addAll(cluster.learners());
        return all;
    }

    /** Runs the whole scenario; throws AssertionError at the first violation. */
    void run() {
        for (NodeId id : members()) {
            schedule(random.nextInt(10), () -> restart(id));
        }
        scheduleFaults();
        for (long t = 0; t < PROBE_AT_MILLIS - 2 * LEASE_MILLIS; t += CLIENT_PERIOD_MILLIS) {
            schedule(t + random.nextInt((int) CLIENT_PERIOD_MILLIS), this::submitRandom);
        }
        schedule(PROBE_AT_MILLIS, this::probe);
        int events = 0;
        while (!queue.isEmpty() && queue.peek().atMillis() <= END_MILLIS) {
            Scheduled next = queue.poll();
            nowMillis = next.atMillis();
            next.action().run();
            checkLeases();
            if (++events > EVENTS_MAX) {
                throw new AssertionError("more than " + EVENTS_MAX + " events");
            }
        }
        checkEnd();
    }

    private void scheduleFaults() {
        int crashes = random.nextInt(5);
        for (int i = 0; i < crashes; i++) {
            NodeId victim = members().get(random.nextInt(members().size()));
            long at = 500 + random.nextLong(FAULTS_END_MILLIS - 1000);
            long back = Math.min(at + 100 + random.nextInt(3000), FAULTS_END_MILLIS);
            schedule(at, () -> crash(victim));
            schedule(
                    back,
                    () -> {
                        if (!nodes.get(victim).up) {
                            restart(victim);
                        }
                    });
        }
        int partitions = random.nextInt(5);
        for (int i = 0; i < partitions; i++) {
            long at = random.nextLong(FAULTS_END_MILLIS - 500);
            long heal = Math.min(at + 300 + random.nextInt(4000), FAULTS_END_MILLIS);
            int cutPermille = 200 + random.nextInt(600);
            schedule(at, () -> cutLinks(cutPermille));
            schedule(heal, cutLinks::clear);
        }
        schedule(FAULTS_END_MILLIS, cutLinks::clear);
    }

    private void cutLinks(int cutPermille) {
        cutLinks.clear();
        for (NodeId a : members()) {
            for (NodeId b : members()) {
                if (a.compareTo(b) < 0 && random.nextInt(1000) < cutPermille) {
                    cutLinks.add(a + "|" + b);
                    cutLinks.add(b + "|" + a);
                }
            }
        }
    }

    private void schedule(long atMillis, Runnable action) {
        queue.add(new Scheduled(atMillis, sequence++, action));
    }

    private long localNow(NodeId id) {
        long[] clock = clocks.get(id);
        return clock[0] + nowMillis * clock[1] / 1000;
    }

    private void crash(NodeId id) {
        SimNode node = nodes.get(id);
        if (node.up) {
            node.crash();
            incarnations.merge(id, 1, Integer::sum);
        }
    }

    private void restart(NodeId id) {
        SimNode node = nodes.get(id);
        int incarnation = incarnations.merge(id, 1, Integer::sum);
        step(node, new Event.Recovered(node.recover(this)));
        scheduleTick(id, incarnation, random.nextInt((int) TICK_MILLIS));
    }

    private void scheduleTick(NodeId id, int incarnation, long delayMillis) {
        schedule(
                nowMillis + delayMillis,
                () -> {
                    if (incarnations.get(id) == incarnation && nodes.get(id).up) {
                        step(nodes.get(id), new Event.Tick());
                        scheduleTick(id, incarnation, TICK_MILLIS);
                    }
                });
    }

    private void step(SimNode node, Event event) {
        Context context = new Context(node.id, cluster, localNow(node.id), random.nextLong());
        Transition transition = stepper.step(context, node.state, event);
        if (TRACE) {
            System.out.println(
                    nowMillis
                            + " "
                            + node.id
                            + "@"
                            + context.nowMillis()
                            + " "
                            + event
                            + " => "
                            + transition.state().stateName()
                            + " "
                            + transition.effects());
        }
        for (SimNode.Outgoing message : node.execute(transition, this)) {
            send(message);
        }
        node.catchup.ifPresent(start -> scheduleCatchup(node, start));
        checkMaster(node);
    }

    /** Completes the catch-up a little later, unless the node crashed meanwhile. */
    private void scheduleCatchup(SimNode node, Effect.StartCatchup start) {
        node.catchup = Optional.empty();
        int incarnation = incarnations.get(node.id);
        schedule(
                nowMillis + 1 + random.nextInt(200),
                () -> {
                    if (incarnations.get(node.id) == incarnation && node.up) {
                        step(node, node.finishCatchup(nodes.get(start.from()), this));
                    }
                });
    }

    private void send(SimNode.Outgoing message) {
        boolean faulty = nowMillis < FAULTS_END_MILLIS;
        if (faulty && random.nextInt(1000) < lossPermille) {
            return;
        }
        int copies = faulty && random.nextInt(1000) < duplicatePermille ? 2 : 1;
        for (int i = 0; i < copies; i++) {
            schedule(nowMillis + 1 + random.nextLong(latencyMillisMax), () -> deliver(message));
        }
    }

    private void deliver(SimNode.Outgoing message) {
        SimNode to = nodes.get(message.to());
        if (to.up && !cutLinks.contains(message.from() + "|" + message.to())) {
            step(to, new Event.Received(message.from(), "sim", message.message()));
        }
    }

    private void submitRandom() {
        List<SimNode> up = nodes.values().stream().filter(n -> n.up).toList();
        if (up.isEmpty()) {
            return;
        }
        SimNode target =
                up.stream()
                        .filter(n -> n.state.role() == PaxosState.Role.MASTER)
                        .findFirst()
                        .filter(n -> random.nextInt(4) != 0)
                        .orElse(up.get(random.nextInt(up.size())));
        submit(target);
    }

    private RequestId submit(SimNode target) {
        RequestId id = new RequestId(++requestCount);
        requests.put(id, new Submitted(target.id, incarnations.get(target.id)));
        ByteString update = ByteString.utf8("u" + id.value());
        step(target, new Event.ClientUpdate(id, update, random.nextInt(8) == 0));
        return id;
    }

    private void probe() {
        SimNode master =
                nodes.values().stream()
                        .filter(n -> n.up && n.state.canServeReads(localNow(n.id)))
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        new AssertionError(
                                                "no master "
                                                        + (PROBE_AT_MILLIS - FAULTS_END_MILLIS)
                                                        + " ms after the faults stopped: "
                                                        + states()));
        RequestId id = submit(master);
        String answer = answers.getOrDefault(id, "");
        if (!answer.isEmpty() && !answer.startsWith("applied")) {
            throw new AssertionError("probe " + id + " answered " + answer);
        }
        probeIndex = master.state.lastAccepted().map(LogEntry::index).orElse(-1L);
    }

    private String states() {
        StringBuilder text = new StringBuilder();
        nodes.values()
                .forEach(
                        n ->
                                text.append(n.id)
                                        .append('=')
                                        .append(n.up ? n.state : "down")
                                        .append('\n'));
        return text.toString();
    }

    private void checkMaster(SimNode node) {
        if (node.state.role() == PaxosState.Role.MASTER) {
            NodeId previous = masterOfTerm.putIfAbsent(node.state.promisedTerm(), node.id);
            if (previous != null && !previous.equals(node.id)) {
                throw new AssertionError(
                        "two masters in term "
                                + node.state.promisedTerm()
                                + ": "
                                + previous
                                + " and "
                                + node.id);
            }
        }
    }

    private void checkLeases() {
        NodeId holder = null;
        for (SimNode node : nodes.values()) {
            if (node.up && node.state.canServeReads(localNow(node.id))) {
                if (holder != null) {
                    throw new AssertionError(
                            "leases overlap at "
                                    + nowMillis
                                    + " ms: "
                                    + holder
                                    + " and "
                                    + node.id);
                }
                if (node.state.promisedTerm() < chosenTermMax) {
                    throw new AssertionError(
                            node.id
                                    + " serves lease reads in term "
                                    + node.state.promisedTerm()
                                    + " at "
                                    + nowMillis
                                    + " ms, after a value was chosen in term "
                                    + chosenTermMax);
                }
                holder = node.id;
            }
        }
    }

    private void checkEnd() {
        if (probeIndex < 0) {
            throw new AssertionError("probe never proposed");
        }
        for (SimNode node : nodes.values()) {
            if (node.appliedIndex() < probeIndex) {
                throw new AssertionError(
                        node.id
                                + " applied only up to "
                                + node.appliedIndex()
                                + ", probe at "
                                + probeIndex
                                + ": "
                                + states());
            }
        }
        requests.forEach(
                (id, submitted) -> {
                    boolean crashedSince =
                            incarnations.get(submitted.node()) != submitted.incarnation();
                    if (!crashedSince && !answers.containsKey(id)) {
                        throw new AssertionError(
                                "request "
                                        + id
                                        + " at "
                                        + submitted.node()
                                        + " never answered: "
                                        + states());
                    }
                });
    }

    @Override
    public void accepted(NodeId node, LogEntry entry) {
        if (!cluster.isVoter(node)) {
            return;
        }
        TreeSet<NodeId> acceptors =
                acceptances
                        .computeIfAbsent(entry.index(), i -> new HashMap<>())
                        .computeIfAbsent(entry.term(), t -> new HashMap<>())
                        .computeIfAbsent(entry.value(), v -> new TreeSet<>());
        acceptors.add(node);
        if (acceptors.size() >= cluster.voters().size() / 2 + 1) {
            chosenTermMax = Math.max(chosenTermMax, entry.term());
            Value previous = chosen.putIfAbsent(entry.index(), entry.value());
            if (previous != null && !previous.equals(entry.value())) {
                throw new AssertionError(
                        "two values chosen at index "
                                + entry.index()
                                + ": "
                                + previous
                                + " and "
                                + entry.value());
            }
        }
    }

    @Override
    public void applied(NodeId node, long index, Value value, List<RequestId> requestIds) {
        Value previous = appliedValues.putIfAbsent(index, value);
        if (previous != null && !previous.equals(value)) {
            throw new AssertionError(
                    node
                            + " applied "
                            + value
                            + " at "
                            + index
                            + " where another node applied "
                            + previous);
        }
        Value chosenValue = chosen.get(index);
        if (chosenValue != null && !chosenValue.equals(value)) {
            throw new AssertionError(
                    node
                            + " applied "
                            + value
                            + " at "
                            + index
                            + " but "
                            + chosenValue
                            + " was chosen");
        }
        requestIds.forEach(id -> answer(node, id, "applied at " + index));
    }

    @Override
    public void replied(NodeId node, Effect.Reply reply) {
        answer(node, reply.requestId(), reply.outcome().toString());
    }

    private void answer(NodeId node, RequestId id, String answer) {
        Submitted submitted = requests.get(id);
        if (submitted == null || !submitted.node().equals(node)) {
            throw new AssertionError(node + " answered unknown request " + id);
        }
        String previous = answers.putIfAbsent(id, answer);
        if (previous != null) {
            throw new AssertionError(id + " answered twice: " + previous + " and " + answer);
        }
    }
}
