package io.rarakoon.node;

import io.rarakoon.client.protocol.Request;
import io.rarakoon.client.protocol.ResultCode;
import io.rarakoon.client.protocol.ServerReply;
import io.rarakoon.kv.UpdateResult;
import io.rarakoon.leaky.LeakyBuffer;
import io.rarakoon.paxos.Cluster;
import io.rarakoon.paxos.Context;
import io.rarakoon.paxos.Effect;
import io.rarakoon.paxos.Event;
import io.rarakoon.paxos.Paxos;
import io.rarakoon.paxos.PaxosState;
import io.rarakoon.paxos.RequestId;
import io.rarakoon.paxos.Transition;
import io.rarakoon.paxos.message.Accept;
import io.rarakoon.paxos.message.LogEntry;
import io.rarakoon.paxos.message.Message;
import io.rarakoon.paxos.message.NodeId;
import io.rarakoon.wire.CatchupBatchEnd;
import io.rarakoon.wire.CatchupEntry;
import io.rarakoon.wire.CatchupRequest;
import io.rarakoon.wire.SnapshotChunk;
import io.rarakoon.wire.SnapshotHeader;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's single-threaded loop (STYLE.md §6): it owns the Paxos state, the store and the log.
 * Each turn drains at most {@link Limits#EVENTS_PER_TURN_MAX} inputs (local events, peer messages,
 * client requests), steps the core for each (client requests before peer messages), answers reads
 * from the store, and then executes the whole batch of effects with {@link EffectExecutor}:
 * persists, one fsync, sends, applies, replies. Ticks come from the {@link Scheduler} every lease
 * period / {@link Limits#TICKS_PER_LEASE}. When the core asks for a catch-up, {@link Catchup} pulls
 * the missing chosen entries from the peer in batches and the loop reports the result to the core.
 *
 * <p>Threads: {@link #deliver} and {@link #submit} may be called from any thread; they only offer
 * into bounded queues and ask the scheduler for a turn. Everything else runs on the scheduler.
 *
 * <p>Failures: when persisting fails the loop stops for good and the turn throws {@link
 * IllegalStateException} to the scheduler, whose failure handler stops the node (STYLE.md §9).
 */
public final class NodeLoop {
    private static final Logger LOG = LoggerFactory.getLogger(NodeLoop.class);

    private final NodeId self;
    private final Cluster cluster;
    private final NodeStorage storage;
    private final NodePorts ports;

    /** A peer's message as the messenger delivered it: Paxos or catch-up. */
    private record Inbound(NodeId from, String clusterId, Object message) {}

    private final LeakyBuffer<Inbound> peerInbox =
            new LeakyBuffer<>(Limits.PEER_INBOX_MESSAGES_MAX);
    private final LeakyBuffer<ClientCall> clientQueue =
            new LeakyBuffer<>(Limits.CLIENT_QUEUE_REQUESTS_MAX);
    private final ArrayDeque<Event> localEvents = new ArrayDeque<>();
    private final AtomicBoolean turnScheduled = new AtomicBoolean();
    private final LinkedHashMap<RequestId, ClientCall> waiting = new LinkedHashMap<>();
    private final NodeStatistics statistics;
    private final PeerPositions positions = new PeerPositions();
    private final EffectExecutor executor;
    private final WriteTranslator writes;
    private final ReadHandler reads;
    private final AdminCollapse collapse;
    private final NodeView view;
    private final Catchup catchup;
    private final long tickPeriodMillis;
    private PaxosState state;
    private long requestCount;

    /** Set by stop() or a persist failure: no more turns. */
    private boolean stopped;

    /** Set once the storage is closed. */
    private boolean closed;

    private Scheduler.Cancellable nextTick = () -> {};
    private Optional<Event.Received> acceptDuringCatchup = Optional.empty();

    /**
     * Creates the loop of node {@code self} over its recovered storage; nothing runs before {@link
     * #start}.
     *
     * @throws IllegalArgumentException if {@code self} is not a member of {@code cluster}
     */
    public NodeLoop(NodeId self, Cluster cluster, NodeStorage storage, NodePorts ports) {
        if (!cluster.isMember(self)) {
            throw new IllegalArgumentException("node " + self + " is not in the cluster");
        }
        this.self = self;
        this.statistics = new NodeStatistics(ports.clock());
        this.cluster = cluster;
        this.storage = storage;
        this.ports = ports;
        this.state = PaxosState.initial(self);
        this.tickPeriodMillis = Math.max(1, cluster.leasePeriodMillis() / Limits.TICKS_PER_LEASE);
        this.executor =
                new EffectExecutor(self, storage, ports.peers(), statistics, new Outcomes());
        StorageOptions options = storage.options();
        this.writes = new WriteTranslator(options);
        this.view = new NodeView(self, cluster, storage);
        this.reads =
                new ReadHandler(view, new AdminQueries(view, positions, statistics, ports.clock()));
        this.collapse = new AdminCollapse(storage, ports.background());
        this.catchup =
                new Catchup(
                        self,
                        storage,
                        ports.peers(),
                        ports.syncer(),
                        statistics,
                        cluster.leasePeriodMillis());
    }

    /** Hands the recovered state to the core and starts ticking. Any thread. */
    public void start() {
        ports.scheduler()
                .execute(
                        () -> {
                            statistics.started();
                            localEvents.add(new Event.Recovered(storage.durableState()));
                            tick();
                        });
    }

    /**
     * A peer's message (Paxos or catch-up), after its connection's handshake named {@code from} and
     * {@code clusterId}. Dropped and counted when the inbox is full. Any thread; never blocks.
     */
    public void deliver(NodeId from, String clusterId, Object message) {
        if (peerInbox.offer(new Inbound(from, clusterId, message))) {
            scheduleTurn();
        }
    }

    /**
     * Queues a client request; when the queue is full the request is answered "busy" at once, on
     * the caller's thread. Any thread; never blocks.
     */
    public void submit(ClientCall call) {
        if (!clientQueue.offer(statistics.meter(call))) {
            call.answer()
                    .accept(
                            Responses.busy(
                                    "client queue reached CLIENT_QUEUE_REQUESTS_MAX "
                                            + Limits.CLIENT_QUEUE_REQUESTS_MAX));
            return;
        }
        scheduleTurn();
    }

    /**
     * Stops the loop: waiting and queued requests are answered GOING_DOWN (also after the loop
     * stopped itself on a persist failure), the log is forced and closed, then {@code onStopped}
     * runs, on the loop thread.
     */
    public void stop(Runnable onStopped) {
        ports.scheduler()
                .execute(
                        () -> {
                            stopped = true;
                            nextTick.cancel();
                            goingDown();
                            if (!closed) {
                                closed = true;
                                closeStorage();
                            }
                            onStopped.run();
                        });
    }

    /**
     * The core's current state; loop thread only (tests and the simulator read it between turns).
     */
    public PaxosState state() {
        return state;
    }

    /** The node's counters and histograms; any thread. */
    NodeStatistics statistics() {
        return statistics;
    }

    /** The node's storage; loop thread only. */
    public NodeStorage storage() {
        return storage;
    }

    private void scheduleTurn() {
        if (turnScheduled.compareAndSet(false, true)) {
            ports.scheduler().execute(this::turn);
        }
    }

    private void tick() {
        if (stopped) {
            return;
        }
        localEvents.add(new Event.Tick());
        turn();
        nextTick = ports.scheduler().schedule(tickPeriodMillis, this::tick);
    }

    private void turn() {
        turnScheduled.set(false);
        if (stopped) {
            return;
        }
        List<Effect> effects = new ArrayList<>();
        int budget = Limits.EVENTS_PER_TURN_MAX;
        while (budget > 0 && !localEvents.isEmpty()) {
            step(localEvents.poll(), effects);
            budget--;
        }
        List<Inbound> received = new ArrayList<>();
        budget -= peerInbox.drainTo(received, budget);
        List<ClientCall> calls = new ArrayList<>();
        clientQueue.drainTo(calls, budget);
        // Client updates first: when a peer's Accepted then chooses the value in flight, the
        // master's next value carries every update read so far, not only those of earlier turns.
        for (ClientCall call : calls) {
            handle(call, effects);
        }
        for (Inbound inbound : received) {
            receive(inbound, effects);
        }
        try {
            finishCatchup(catchup.onTick(ports.clock().monotonicMillis()), effects);
        } catch (IOException e) {
            throw cannotPersist(e);
        }
        execute(effects);
        statistics.observe(
                state,
                storage.wal().lastIndex(),
                storage.store().appliedIndex().orElse(-1),
                clientQueue.dropCount(),
                peerInbox.dropCount());
        if (!localEvents.isEmpty() || peerInbox.size() > 0 || clientQueue.size() > 0) {
            scheduleTurn();
        }
    }

    private void receive(Inbound inbound, List<Effect> effects) {
        Object message = inbound.message();
        if (message instanceof Message paxos) {
            positions.heard(inbound.from(), paxos, ports.clock().monotonicMillis());
            Event.Received received =
                    new Event.Received(inbound.from(), inbound.clusterId(), paxos);
            step(received, effects);
            if (paxos instanceof Accept && state.isCatchingUp()) {
                // The core drops Accepts while it catches up; the newest one is delivered again
                // afterwards (as a delayed message), so the node joins the value in flight
                // instead of chasing it with one catch-up per value.
                acceptDuringCatchup = Optional.of(received);
            }
            return;
        }
        boolean ours =
                cluster.isMember(inbound.from()) && inbound.clusterId().equals(cluster.clusterId());
        try {
            if (!ours) {
                LOG.debug("{} ignores {} from {}", self, message, inbound.from());
            } else if (message instanceof CatchupRequest request) {
                catchup.onRequest(inbound.from(), request, ports.clock().monotonicMillis());
            } else if (message instanceof CatchupEntry entry) {
                catchup.onEntry(inbound.from(), entry);
            } else if (message instanceof SnapshotHeader header) {
                catchup.onSnapshotHeader(inbound.from(), header);
            } else if (message instanceof SnapshotChunk chunk) {
                catchup.onSnapshotChunk(inbound.from(), chunk);
            } else if (message instanceof CatchupBatchEnd end) {
                long now = ports.clock().monotonicMillis();
                finishCatchup(catchup.onBatchEnd(inbound.from(), end, now), effects);
            } else {
                LOG.debug("{} ignores {} from {}", self, message, inbound.from());
            }
        } catch (IOException e) {
            throw cannotPersist(e);
        }
    }

    private void finishCatchup(Optional<Catchup.Finished> finished, List<Effect> effects) {
        if (finished.isEmpty() || !state.isCatchingUp()) {
            return;
        }
        Optional<LogEntry> last = finished.get().lastApplied().or(state::lastAccepted);
        long applied = storage.store().appliedIndex().orElse(-1);
        long lastIndex = last.map(LogEntry::index).orElse(-1L);
        if (applied != lastIndex && applied != lastIndex - 1) {
            // The store is ahead of every entry the node holds: a head installed by a catch-up,
            // with no entry after it yet. To consensus the node knows no entry, as at a start-up
            // in that state (NodeStorage.describe); it catches up again from the store's next
            // index when the next value arrives.
            applied = -1;
            last = Optional.empty();
        }
        step(new Event.CatchupFinished(applied, last), effects);
        Optional<Event.Received> deferred = acceptDuringCatchup;
        acceptDuringCatchup = Optional.empty();
        deferred.ifPresent(accept -> step(accept, effects));
    }

    private IllegalStateException cannotPersist(IOException e) {
        stopped = true;
        nextTick.cancel();
        LOG.error("{} cannot persist; the node stops", self, e);
        return new IllegalStateException(self + " cannot persist: " + e.getMessage(), e);
    }

    private void step(Event event, List<Effect> effects) {
        Context context =
                new Context(
                        self, cluster, ports.clock().monotonicMillis(), ports.random().nextLong());
        Transition transition = Paxos.step(context, state, event);
        logRoleChange(state, transition.state());
        state = transition.state();
        effects.addAll(transition.effects());
        statistics.stepped();
    }

    private void logRoleChange(PaxosState before, PaxosState after) {
        if (after.role() != before.role()) {
            LOG.info(
                    "{} became {} ({}) promisedTerm={} applied={}",
                    self,
                    after.role(),
                    after.stateName(),
                    after.promisedTerm(),
                    after.appliedIndex());
        }
    }

    private void execute(List<Effect> effects) {
        if (effects.isEmpty()) {
            return;
        }
        try {
            executor.execute(effects);
        } catch (IOException e) {
            throw cannotPersist(e);
        }
    }

    private void handle(ClientCall call, List<Effect> effects) {
        Request request = call.request();
        if (request instanceof Request.DropMaster) {
            step(new Event.DropMaster(await(call)), effects);
            return;
        }
        if (request instanceof Request.CollapseTlogs collapseTlogs) {
            collapse.start(collapseTlogs, call);
            return;
        }
        if (request instanceof Request.CopyDbToHead copy) {
            Optional<ServerReply> refusal = AdminQueries.refuseOnMasterOrWitness(view, state);
            if (refusal.isPresent()) {
                call.answer().accept(refusal.get());
            } else {
                collapse.copyDbToHead(copy, call);
            }
            return;
        }
        Optional<WriteTranslator.Translation> write = writes.translate(request, storage.store());
        if (write.isPresent() && write.get() instanceof WriteTranslator.Translation.Propose p) {
            statistics.proposing(call);
            Event.ClientUpdate update =
                    new Event.ClientUpdate(
                            await(call), storage.codec().encodeUpdate(p.update()), p.synced());
            step(update, effects);
            return;
        }
        if (write.isPresent()) {
            call.answer().accept(((WriteTranslator.Translation.Answer) write.get()).reply());
            return;
        }
        long now = ports.clock().monotonicMillis();
        call.answer()
                .accept(
                        reads.answer(request, state, now)
                                .orElseGet(
                                        () ->
                                                Responses.failure(
                                                        ResultCode.UNKNOWN_FAILURE,
                                                        "unknown failure")));
    }

    private RequestId await(ClientCall call) {
        RequestId id = new RequestId(requestCount++);
        waiting.put(id, call);
        return id;
    }

    private void goingDown() {
        ServerReply going = Responses.failure(ResultCode.GOING_DOWN, "going down");
        waiting.values().forEach(call -> call.answer().accept(going));
        waiting.clear();
        List<ClientCall> queued = new ArrayList<>();
        clientQueue.drainTo(queued, Limits.CLIENT_QUEUE_REQUESTS_MAX);
        queued.forEach(call -> call.answer().accept(going));
    }

    private void closeStorage() {
        catchup.closeReader();
        try {
            storage.close();
            LOG.info(
                    "{} closed the store: OK (applied index {})",
                    self,
                    storage.store().appliedIndex().orElse(-1));
        } catch (IOException e) {
            LOG.error(
                    "{} closing the log failed; recovery will check it at the next start", self, e);
        }
    }

    /** Routes the executor's outcomes to the waiting clients. Loop thread. */
    private final class Outcomes implements EffectExecutor.Outcomes {
        @Override
        public void applied(RequestId requestId, UpdateResult result) {
            ClientCall call = waiting.remove(requestId);
            if (call != null) {
                call.answer().accept(Responses.ofResult(call.request(), result));
            }
        }

        @Override
        public void replied(Effect.Reply reply) {
            ClientCall call = waiting.remove(reply.requestId());
            if (call != null) {
                call.answer().accept(Responses.ofReply(call.request(), reply));
            }
        }

        @Override
        public void catchupRequested(Effect.StartCatchup start) {
            catchup.start(start.from(), ports.clock().monotonicMillis());
        }
    }
}
