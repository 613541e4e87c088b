package io.rarakoon.sim;

import io.rarakoon.sim.check.KvOp;
import io.rarakoon.sim.check.KvResult;
import io.rarakoon.sim.check.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The client history: invocations and their ok, fail or unknown outcomes with simulated times.
 * Failed operations certainly did not happen and are left out of {@link #operations}; unknown ones
 * are kept with an open end. Single-threaded.
 */
final class History {
    private record Invocation(int process, KvOp op, long callNanos) {}

    private final TreeMap<Integer, Invocation> pending = new TreeMap<>();
    private final List<Operation> done = new ArrayList<>();
    private int nextId;
    private int nextProcess;
    private long okCount;
    private long failCount;
    private long unknownCount;

    /** A fresh process id: one per client, and a new one after each unknown outcome. */
    int newProcess() {
        return nextProcess++;
    }

    /** Records a call; returns its id. */
    int invoke(int process, KvOp op, long nowNanos) {
        int id = nextId++;
        pending.put(id, new Invocation(process, op, nowNanos));
        return id;
    }

    void ok(int id, KvResult result, long nowNanos) {
        Invocation call = pending.remove(id);
        done.add(
                new Operation(
                        id,
                        call.process(),
                        call.op(),
                        Optional.of(result),
                        call.callNanos(),
                        nowNanos));
        okCount++;
    }

    void fail(int id) {
        pending.remove(id);
        failCount++;
    }

    void unknown(int id) {
        Invocation call = pending.remove(id);
        done.add(
                new Operation(
                        id,
                        call.process(),
                        call.op(),
                        Optional.empty(),
                        call.callNanos(),
                        Long.MAX_VALUE));
        unknownCount++;
    }

    int pendingCount() {
        return pending.size();
    }

    /** The completed and unknown operations, in completion order. */
    List<Operation> operations() {
        return List.copyOf(done);
    }

    String summary() {
        return "ok=" + okCount + " fail=" + failCount + " unknown=" + unknownCount;
    }
}
