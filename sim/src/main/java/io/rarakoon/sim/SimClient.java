package io.rarakoon.sim;

import io.rarakoon.client.protocol.ByteString;
import io.rarakoon.client.protocol.Consistency;
import io.rarakoon.client.protocol.DecodeStep;
import io.rarakoon.client.protocol.RangeQuery;
import io.rarakoon.client.protocol.Request;
import io.rarakoon.client.protocol.Response;
import io.rarakoon.client.protocol.ResponseDecoder;
import io.rarakoon.client.protocol.ResultCode;
import io.rarakoon.client.protocol.ServerReply;
import io.rarakoon.client.protocol.Update;
import io.rarakoon.node.ClientCall;
import io.rarakoon.sim.check.KvOp;
import io.rarakoon.sim.check.KvResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A simulated client process: one operation at a time, sent as a {@link ClientCall} to the node it
 * believes is master (a dirty read to any node), the reply decoded from its client-protocol frame.
 * Like {@code ArakoonClient} it retries elsewhere on NOT_MASTER and busy (the request certainly did
 * not happen) and reports "unknown" for a write whose fate it cannot know (timeout, the node going
 * down or no longer master); after an unknown outcome it continues as a new process.
 */
final class SimClient {
    /** Attempts at one operation before it fails: NOT_MASTER answers while there is no master. */
    static final int ATTEMPTS_MAX = 60;

    /** Where the client reports what the checks need. */
    interface Observer {
        /** A dirty read answered {@code value} for {@code key}. */
        void dirtyRead(String key, Optional<String> value);

        /** A result that no correct node gives (not a fault the client expects). */
        void unexpected(String what);
    }

    private final int index;
    private final World world;
    private final Trace trace;
    private final SplittableRandom random;
    private final List<SimNode> nodes;
    private final History history;
    private final Workload workload;
    private final Observer observer;
    private final long timeoutNanos;
    private final long backoffNanos;
    private final Incarnation life = new Incarnation();
    private int process;
    private int remainingOps;
    private int believedMaster;
    private long attemptSequence;
    private boolean idle = true;

    SimClient(
            int index,
            World world,
            Trace trace,
            SplittableRandom random,
            List<SimNode> nodes,
            History history,
            Workload workload,
            Observer observer,
            long timeoutNanos,
            int ops) {
        this.index = index;
        this.world = world;
        this.trace = trace;
        this.random = random;
        this.nodes = nodes;
        this.history = history;
        this.workload = workload;
        this.observer = observer;
        this.timeoutNanos = timeoutNanos;
        this.backoffNanos = timeoutNanos / 20;
        this.remainingOps = ops;
        this.process = history.newProcess();
        this.believedMaster = random.nextInt(nodes.size());
    }

    /** True when every operation of this client has finished. */
    boolean isDone() {
        return remainingOps == 0 && idle;
    }

    void start() {
        scheduleNext();
    }

    private void scheduleNext() {
        if (remainingOps == 0) {
            return;
        }
        remainingOps--;
        idle = false;
        world.after(random.nextLong(1_000_000), life, this::issue);
    }

    /** One operation in flight. */
    private final class Call {
        final Workload.Drawn drawn;
        final Request request;
        final int historyId;
        int attempts;
        long attemptId;

        Call(Workload.Drawn drawn) {
            this.drawn = drawn;
            this.request = toRequest(drawn);
            this.historyId =
                    drawn.dirty() ? -1 : history.invoke(process, drawn.op(), world.nowNanos());
        }
    }

    private void issue() {
        Call call = new Call(workload.next(index));
        trace.line(world.nowNanos(), "c" + index + " invoke " + call.drawn);
        int target = call.drawn.dirty() ? random.nextInt(nodes.size()) : believedMaster;
        attempt(call, target);
    }

    private void attempt(Call call, int target) {
        call.attempts++;
        long id = ++attemptSequence;
        call.attemptId = id;
        SimNode node = nodes.get(target);
        ClientCall clientCall =
                new ClientCall(
                        call.request,
                        reply -> world.after(latency(), life, () -> answered(call, id, reply)));
        world.after(latency(), life, () -> node.submit(clientCall));
        world.after(timeoutNanos, life, () -> timedOut(call, id));
    }

    private long latency() {
        return 50_000 + random.nextLong(500_000);
    }

    private void timedOut(Call call, long id) {
        if (call.attemptId != id) {
            return;
        }
        finishUnknown(call, "timeout");
    }

    private void answered(Call call, long id, ServerReply reply) {
        if (call.attemptId != id) {
            return;
        }
        call.attemptId = -1;
        Optional<Response> response = decode(call.request, reply);
        if (response.isEmpty()) {
            finishUnknown(call, "connection closed");
            return;
        }
        if (response.get() instanceof Response.Failure failure) {
            ResultCode code = failure.code();
            if (code == ResultCode.NOT_MASTER || code == ResultCode.MAX_CONNECTIONS) {
                retry(call, failure);
                return;
            }
            if (code == ResultCode.GOING_DOWN || code == ResultCode.NO_LONGER_MASTER) {
                finishUnknown(call, code.name());
                return;
            }
        }
        Optional<KvResult> result = toResult(call.drawn.op(), response.get());
        if (result.isEmpty()) {
            observer.unexpected("c" + index + " " + call.drawn + " answered " + response.get());
            finishUnknown(call, "unexpected answer");
            return;
        }
        trace.line(world.nowNanos(), "c" + index + " ok " + result.get());
        if (call.drawn.dirty()) {
            KvOp.Get get = (KvOp.Get) call.drawn.op();
            observer.dirtyRead(get.key(), ((KvResult.Value) result.get()).value());
        } else {
            history.ok(call.historyId, result.get(), world.nowNanos());
        }
        finish();
    }

    private void retry(Call call, Response.Failure failure) {
        if (call.attempts >= ATTEMPTS_MAX) {
            trace.line(world.nowNanos(), "c" + index + " gives up after " + call.attempts);
            if (!call.drawn.dirty()) {
                history.fail(call.historyId);
            }
            finish();
            return;
        }
        String named = failure.message().toUtf8();
        int next = (believedMaster + 1) % nodes.size();
        for (SimNode node : nodes) {
            if (node.id.name().equals(named)) {
                next = node.index;
            }
        }
        believedMaster = next;
        int target = call.drawn.dirty() ? random.nextInt(nodes.size()) : next;
        world.after(backoffNanos, life, () -> attempt(call, target));
    }

    private void finishUnknown(Call call, String why) {
        call.attemptId = -1;
        trace.line(world.nowNanos(), "c" + index + " unknown (" + why + ")");
        believedMaster = random.nextInt(nodes.size());
        if (!call.drawn.dirty()) {
            if (call.drawn.op().isRead()) {
                history.fail(call.historyId);
            } else {
                history.unknown(call.historyId);
                process = history.newProcess();
            }
        }
        finish();
    }

    private void finish() {
        idle = true;
        scheduleNext();
    }

    private static Optional<Response> decode(Request request, ServerReply reply) {
        if (reply.frame().isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes = reply.frame().get().toByteArray();
        DecodeStep<Response> step = ResponseDecoder.decode(request, bytes, 0, bytes.length);
        if (step instanceof DecodeStep.Decoded<Response> decoded) {
            return Optional.of(decoded.value());
        }
        throw new AssertionError("a node answered a frame the client cannot decode: " + step);
    }

    private static Request toRequest(Workload.Drawn drawn) {
        KvOp op = drawn.op();
        if (op instanceof KvOp.Set set) {
            return new Request.Set(bytes(set.key()), bytes(set.value()));
        } else if (op instanceof KvOp.Get get) {
            Consistency consistency =
                    drawn.dirty() ? Consistency.NO_GUARANTEES : Consistency.CONSISTENT;
            return new Request.Get(consistency, bytes(get.key()));
        } else if (op instanceof KvOp.Delete delete) {
            return new Request.Delete(bytes(delete.key()));
        } else if (op instanceof KvOp.Exists exists) {
            return new Request.Exists(Consistency.CONSISTENT, bytes(exists.key()));
        } else if (op instanceof KvOp.TestAndSet tas) {
            return new Request.TestAndSet(
                    bytes(tas.key()),
                    tas.expected().map(SimClient::bytes),
                    tas.wanted().map(SimClient::bytes));
        } else if (op instanceof KvOp.Sequence sequence) {
            List<Update> steps = new ArrayList<>();
            for (KvOp.Step step : sequence.steps()) {
                if (step instanceof KvOp.Step.Put put) {
                    steps.add(new Update.Set(bytes(put.key()), bytes(put.value())));
                } else if (step instanceof KvOp.Step.Remove remove) {
                    steps.add(new Update.Delete(bytes(remove.key())));
                } else {
                    KvOp.Step.Assert check = (KvOp.Step.Assert) step;
                    steps.add(
                            new Update.Assert(
                                    bytes(check.key()), check.expected().map(SimClient::bytes)));
                }
            }
            return new Request.Sequence(steps);
        }
        KvOp.Range range = (KvOp.Range) op;
        return new Request.Range(
                Consistency.CONSISTENT,
                new RangeQuery(
                        Optional.of(bytes(range.first())),
                        true,
                        Optional.of(bytes(range.last())),
                        false,
                        range.max()));
    }

    /** The checker's view of a response, or empty when it does not fit the operation. */
    private static Optional<KvResult> toResult(KvOp op, Response response) {
        Optional<ResultCode> code =
                response instanceof Response.Failure f ? Optional.of(f.code()) : Optional.empty();
        boolean done = response instanceof Response.Done;
        if (op instanceof KvOp.Set) {
            return done ? Optional.of(new KvResult.Done()) : Optional.empty();
        } else if (op instanceof KvOp.Delete || op instanceof KvOp.Sequence) {
            if (done) {
                return Optional.of(new KvResult.Done());
            } else if (code.equals(Optional.of(ResultCode.NOT_FOUND))) {
                return Optional.of(new KvResult.NotFound());
            } else if (code.equals(Optional.of(ResultCode.ASSERTION_FAILED))) {
                return Optional.of(new KvResult.AssertionFailed());
            }
            return Optional.empty();
        } else if (op instanceof KvOp.Get) {
            if (response instanceof Response.Text text) {
                return Optional.of(new KvResult.Value(Optional.of(text.value().toUtf8())));
            }
            return code.equals(Optional.of(ResultCode.NOT_FOUND))
                    ? Optional.of(new KvResult.Value(Optional.empty()))
                    : Optional.empty();
        } else if (op instanceof KvOp.Exists) {
            return response instanceof Response.Flag flag
                    ? Optional.of(new KvResult.Flag(flag.value()))
                    : Optional.empty();
        } else if (op instanceof KvOp.TestAndSet) {
            return response instanceof Response.MaybeText text
                    ? Optional.of(new KvResult.Value(text.value().map(ByteString::toUtf8)))
                    : Optional.empty();
        }
        if (response instanceof Response.Texts texts) {
            return Optional.of(
                    new KvResult.Keys(texts.values().stream().map(ByteString::toUtf8).toList()));
        }
        return Optional.empty();
    }

    private static ByteString bytes(String text) {
        return ByteString.utf8(text);
    }
}
