package io.rarakoon.node;

import io.rarakoon.client.protocol.ByteString;
import io.rarakoon.client.protocol.Command;
import io.rarakoon.client.protocol.ResultCode;
import io.rarakoon.client.protocol.ServerReply;
import io.rarakoon.paxos.PaxosState;
import io.rarakoon.wal.Wal;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The node's counters, gauges and latency histograms: what STATISTICS answers and what the metrics
 * endpoint exposes (docs/metrics.md lists each). The loop thread writes most of them; client
 * connection threads count connections and answers. Every field is atomic or volatile, so any
 * thread may read while they are written; a reader sees each value whole, not all of them at one
 * instant.
 */
final class NodeStatistics {
    private final Clock clock;
    private final LatencyHistogram commitLatency = new LatencyHistogram();
    private final LatencyHistogram fsyncLatency = new LatencyHistogram();
    private final OperationTimes operationTimes = new OperationTimes();
    private final AtomicLong stepCount = new AtomicLong();
    private final AtomicLong forceCount = new AtomicLong();
    private final AtomicLong appliedValueCount = new AtomicLong();
    private final AtomicLong catchupRunCount = new AtomicLong();
    private final AtomicLong catchupFailureCount = new AtomicLong();
    private final AtomicLong catchupEntryCount = new AtomicLong();
    private final AtomicLong clientConnectionCount = new AtomicLong();
    private final AtomicLong clientConnectionRefusedCount = new AtomicLong();

    /** Bounded by the number of commands times the number of result codes. */
    private final ConcurrentSkipListMap<RequestKey, AtomicLong> clientRequestCounts =
            new ConcurrentSkipListMap<>();

    private volatile long startWallMillis;
    private volatile long clientBusyCount;
    private volatile long peerDropCount;
    private volatile boolean catchupRunning;
    private volatile PaxosState.Role role = PaxosState.Role.STARTING;
    private volatile String stateName = "";
    private volatile long term;
    private volatile long logIndex = Wal.NO_INDEX;
    private volatile long appliedIndex = Wal.NO_INDEX;

    /** A client command and the result it was answered with, in lower case. */
    record RequestKey(String command, String result) implements Comparable<RequestKey> {
        @Override
        public int compareTo(RequestKey other) {
            int byCommand = command.compareTo(other.command);
            return byCommand != 0 ? byCommand : result.compareTo(other.result);
        }
    }

    NodeStatistics(Clock clock) {
        this.clock = clock;
    }

    /** The loop started now. */
    void started() {
        startWallMillis = clock.wallMillis();
    }

    /** The loop stepped the core once. */
    void stepped() {
        stepCount.incrementAndGet();
    }

    /** Forces {@code wal}, timing and counting the fsync; returns the durable index. */
    long timedForce(Wal wal) throws IOException {
        long start = clock.monotonicNanos();
        long durable = wal.force();
        fsyncLatency.record(clock.monotonicNanos() - start);
        forceCount.incrementAndGet();
        return durable;
    }

    /**
     * Counts an fsync the loop does not wait for (a head's install, a catch-up batch's), untimed.
     */
    void forcedElsewhere() {
        forceCount.incrementAndGet();
    }

    /** A chosen value was applied to the store; {@code byCatchup} when catch-up applied it. */
    void applied(boolean byCatchup) {
        appliedValueCount.incrementAndGet();
        if (byCatchup) {
            catchupEntryCount.incrementAndGet();
        }
    }

    /** A catch-up run started. */
    void catchupStarted() {
        catchupRunning = true;
        catchupRunCount.incrementAndGet();
    }

    /** The catch-up run ended; {@code appliedAny} false counts it as failed. */
    void catchupFinished(boolean appliedAny) {
        catchupRunning = false;
        if (!appliedAny) {
            catchupFailureCount.incrementAndGet();
        }
    }

    /** The loop's view after a turn: role, term, last log index, applied index, queue drops. */
    void observe(PaxosState state, long lastLogIndex, long applied, long busy, long peerDrops) {
        role = state.role();
        stateName = state.stateName();
        term = state.promisedTerm();
        logIndex = lastLogIndex;
        appliedIndex = applied;
        clientBusyCount = busy;
        peerDropCount = peerDrops;
    }

    /** A client connection was accepted ({@code accepted}) or refused for the connection limit. */
    void clientConnectionOpened(boolean accepted) {
        (accepted ? clientConnectionCount : clientConnectionRefusedCount).incrementAndGet();
    }

    /** An accepted client connection closed. */
    void clientConnectionClosed() {
        clientConnectionCount.decrementAndGet();
    }

    /**
     * Wraps {@code call} so that its answer is counted by command and result, and, once {@link
     * #proposing} marks it, timed into the commit latency from now. Any thread.
     */
    ClientCall meter(ClientCall call) {
        return new ClientCall(
                call.request(),
                new MeteredAnswer(call.request().command(), clock.monotonicNanos(), call.answer()));
    }

    /** {@code call}, metered by {@link #meter}, is proposed: its OK answer is a commit. */
    void proposing(ClientCall call) {
        if (call.answer() instanceof MeteredAnswer metered) {
            metered.proposed = true;
        }
    }

    /** Counts and times one client answer, then passes it on. */
    private final class MeteredAnswer implements Consumer<ServerReply> {
        private final Command command;
        private final long startNanos;
        private final Consumer<ServerReply> answer;
        private volatile boolean proposed;

        MeteredAnswer(Command command, long startNanos, Consumer<ServerReply> answer) {
            this.command = command;
            this.startNanos = startNanos;
            this.answer = answer;
        }

        @Override
        public void accept(ServerReply reply) {
            String result = reply.frame().map(NodeStatistics::resultOf).orElse("none");
            clientRequestCounts
                    .computeIfAbsent(
                            new RequestKey(command.name().toLowerCase(Locale.ROOT), result),
                            key -> new AtomicLong())
                    .incrementAndGet();
            if (result.equals("ok")) {
                long nanos = clock.monotonicNanos() - startNanos;
                operationTimes.record(command, nanos);
                if (proposed) {
                    commitLatency.record(nanos);
                }
            }
            answer.accept(reply);
        }
    }

    /** The result code a reply frame starts with (a little-endian int32), in lower case. */
    private static String resultOf(ByteString frame) {
        if (frame.length() < Integer.BYTES) {
            return "none";
        }
        int rc = 0;
        for (int i = Integer.BYTES - 1; i >= 0; i--) {
            rc = (rc << 8) | (frame.byteAt(i) & 0xff);
        }
        return ResultCode.fromWire(rc).name().toLowerCase(Locale.ROOT);
    }

    /** Arakoon's per-operation latency figures of OK answers. */
    List<OperationTimes.Summary> operationTimes() {
        return operationTimes.summaries();
    }

    long startWallMillis() {
        return startWallMillis;
    }

    long stepCount() {
        return stepCount.get();
    }

    long forceCount() {
        return forceCount.get();
    }

    long appliedValueCount() {
        return appliedValueCount.get();
    }

    long clientBusyCount() {
        return clientBusyCount;
    }

    long peerDropCount() {
        return peerDropCount;
    }

    long catchupRunCount() {
        return catchupRunCount.get();
    }

    long catchupFailureCount() {
        return catchupFailureCount.get();
    }

    long catchupEntryCount() {
        return catchupEntryCount.get();
    }

    boolean catchupRunning() {
        return catchupRunning;
    }

    long clientConnectionCount() {
        return clientConnectionCount.get();
    }

    long clientConnectionRefusedCount() {
        return clientConnectionRefusedCount.get();
    }

    PaxosState.Role role() {
        return role;
    }

    String stateName() {
        return stateName;
    }

    long term() {
        return term;
    }

    long logIndex() {
        return logIndex;
    }

    long appliedIndex() {
        return appliedIndex;
    }

    LatencyHistogram.Snapshot commitLatency() {
        return commitLatency.snapshot();
    }

    LatencyHistogram.Snapshot fsyncLatency() {
        return fsyncLatency.snapshot();
    }

    /** Answers counted so far by command and result, in command then result order. */
    NavigableMap<RequestKey, Long> clientRequestCounts() {
        NavigableMap<RequestKey, Long> copy = new TreeMap<>();
        for (Map.Entry<RequestKey, AtomicLong> entry : clientRequestCounts.entrySet()) {
            copy.put(entry.getKey(), entry.getValue().get());
        }
        return copy;
    }
}
