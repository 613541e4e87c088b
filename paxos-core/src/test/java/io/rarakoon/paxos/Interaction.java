package io.rarakoon.paxos;

import io.rarakoon.paxos.message.ByteString;
import io.rarakoon.paxos.message.LogEntry;
import io.rarakoon.paxos.message.NodeId;
import io.rarakoon.paxos.message.Value;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Runs one golden interaction script (etcd's interaction tests): a few cores on one shared clock,
 * messages queued until a {@code deliver}, every effect and note written to the transcript. Entropy
 * is always 0, so jitters are 0 and the transcript is stable.
 *
 * <p>Commands: {@code cluster a,b,c [learners=d] [witnesses=c] [mode=forced|preferred|read_only]
 * [masters=a] [quorum=n] [lease=ms]}, {@code start [nodes]}, {@code time +ms}, {@code tick
 * [nodes]}, {@code deliver} (one round), {@code stabilize} (until no message is queued), {@code
 * propose node text [synced]}, {@code drop-master node}, {@code crash node}, {@code restart node},
 * {@code isolate node}, {@code heal}, {@code catchup node}, {@code status}. Lines starting with
 * {@code #} are comments.
 */
final class Interaction implements SimNode.Observer {

    private static final int STABILIZE_ROUNDS_MAX = 50;

    private final StringBuilder out = new StringBuilder();
    private final Map<NodeId, SimNode> nodes = new TreeMap<>();
    private final Deque<SimNode.Outgoing> queue = new ArrayDeque<>();
    private final TreeSet<NodeId> isolated = new TreeSet<>();
    private Cluster cluster;
    private long nowMillis;
    private long requestCount;

    /** Runs the script and returns its transcript. */
    static String run(List<String> script) {
        Interaction interaction = new Interaction();
        for (String line : script) {
            interaction.out.append(line).append('\n');
            if (!line.isBlank() && !line.startsWith("#")) {
                interaction.command(line.trim().split("\\s+"));
            }
        }
        return interaction.out.toString();
    }

    private void command(String[] words) {
        String verb = words[0];
        List<String> args = Arrays.asList(words).subList(1, words.length);
        switch (verb) {
            case "cluster" -> cluster(args);
            case "start" -> targets(args).forEach(n -> step(n, recovered(n)));
            case "time" -> nowMillis += Long.parseLong(args.get(0).substring(1));
            case "tick" -> targets(args).forEach(n -> step(n, new Event.Tick()));
            case "deliver" -> deliverRound();
            case "stabilize" -> stabilize();
            case "propose" -> propose(args);
            case "drop-master" -> step(node(args.get(0)), new Event.DropMaster(nextRequest()));
            case "crash" -> crash(node(args.get(0)));
            case "restart" -> step(node(args.get(0)), recovered(node(args.get(0))));
            case "isolate" -> isolated.add(new NodeId(args.get(0)));
            case "heal" -> isolated.clear();
            case "catchup" -> catchup(node(args.get(0)));
            case "status" -> status();
            default -> throw new IllegalArgumentException("unknown command " + verb);
        }
    }

    private void cluster(List<String> args) {
        List<NodeId> voters = ids(args.get(0));
        Cluster built = Cluster.elected("test", voters, 1000);
        List<NodeId> learners = List.of();
        List<NodeId> witnesses = List.of();
        for (String option : args.subList(1, args.size())) {
            String[] kv = option.split("=", 2);
            switch (kv[0]) {
                case "learners" -> learners = ids(kv[1]);
                case "witnesses" -> witnesses = ids(kv[1]);
                case "mode" -> built = built.withMasterMode(mode(kv[1]), masters(args));
                case "masters" -> {}
                case "quorum" -> built = built.withQuorum(Integer.parseInt(kv[1]));
                case "lease" ->
                        built =
                                new Cluster(
                                        built.clusterId(),
                                        built.voters(),
                                        built.witnesses(),
                                        built.learners(),
                                        built.masterMode(),
                                        built.masters(),
                                        built.quorum(),
                                        Long.parseLong(kv[1]));
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        cluster = built.withFollowers(witnesses, learners);
        cluster.voters().forEach(v -> nodes.put(v, new SimNode(v)));
        cluster.learners().forEach(l -> nodes.put(l, new SimNode(l)));
    }

    private static MasterMode mode(String name) {
        return MasterMode.valueOf(name.toUpperCase(Locale.ROOT));
    }

    private static List<NodeId> masters(List<String> args) {
        return args.stream()
                .filter(a -> a.startsWith("masters="))
                .findFirst()
                .map(a -> ids(a.substring("masters=".length())))
                .orElse(List.of());
    }

    private static List<NodeId> ids(String csv) {
        return Arrays.stream(csv.split(",")).map(NodeId::new).toList();
    }

    private List<SimNode> targets(List<String> args) {
        if (args.isEmpty()) {
            return nodes.values().stream().filter(n -> n.up).toList();
        }
        return args.stream().map(this::node).toList();
    }

    private SimNode node(String name) {
        SimNode node = nodes.get(new NodeId(name));
        if (node == null) {
            throw new IllegalArgumentException("unknown node " + name);
        }
        return node;
    }

    private RequestId nextRequest() {
        return new RequestId(++requestCount);
    }

    private Event recovered(SimNode node) {
        return new Event.Recovered(node.recover(this));
    }

    private void propose(List<String> args) {
        boolean synced = args.size() > 2 && args.get(2).equals("synced");
        ByteString update = ByteString.utf8(args.get(1));
        step(node(args.get(0)), new Event.ClientUpdate(nextRequest(), update, synced));
    }

    private void crash(SimNode node) {
        node.crash();
        queue.removeIf(m -> m.to().equals(node.id));
        out.append("  ").append(node.id).append(": crashed\n");
    }

    private void catchup(SimNode node) {
        Effect.StartCatchup start = node.catchup.orElseThrow();
        step(node, node.finishCatchup(nodes.get(start.from()), this));
    }

    private void deliverRound() {
        List<SimNode.Outgoing> round = new ArrayList<>(queue);
        queue.clear();
        for (SimNode.Outgoing message : round) {
            SimNode to = nodes.get(message.to());
            if (to.up && !isolated.contains(message.to()) && !isolated.contains(message.from())) {
                step(to, new Event.Received(message.from(), "test", message.message()));
            }
        }
    }

    private void stabilize() {
        for (int round = 0; round < STABILIZE_ROUNDS_MAX && !queue.isEmpty(); round++) {
            deliverRound();
        }
        if (!queue.isEmpty()) {
            throw new AssertionError("messages still queued after " + STABILIZE_ROUNDS_MAX);
        }
    }

    private void step(SimNode node, Event event) {
        Context context = new Context(node.id, cluster, nowMillis, 0);
        Transition transition = Paxos.step(context, node.state, event);
        String from = event instanceof Event.Received r ? r.from() + "->" : "";
        out.append("  ").append(from).append(node.id).append(" ").append(describe(event));
        out.append(" => ").append(node.state.stateName());
        if (!transition.state().stateName().equals(node.state.stateName())) {
            out.append(" -> ").append(transition.state().stateName());
        }
        out.append('\n');
        for (Effect effect : transition.effects()) {
            out.append("    ").append(effect).append('\n');
        }
        queue.addAll(node.execute(transition, this));
    }

    private static String describe(Event event) {
        if (event instanceof Event.Received received) {
            return received.message().toString();
        }
        return event.toString();
    }

    private void status() {
        for (SimNode node : nodes.values()) {
            PaxosState s = node.state;
            out.append("  ").append(node.id).append(": ");
            if (!node.up) {
                out.append("down\n");
                continue;
            }
            out.append(s.stateName()).append(" term=").append(s.promisedTerm());
            out.append(" applied=").append(s.appliedIndex());
            out.append(" last=").append(s.lastAccepted().map(LogEntry::index).orElse(-1L));
            out.append(" master=").append(s.master(nowMillis).map(NodeId::name).orElse("none"));
            out.append(" reads=").append(s.canServeReads(nowMillis)).append('\n');
        }
    }

    @Override
    public void accepted(NodeId node, LogEntry entry) {}

    @Override
    public void applied(NodeId node, long index, Value value, List<RequestId> requestIds) {}

    @Override
    public void replied(NodeId node, Effect.Reply reply) {}
}
