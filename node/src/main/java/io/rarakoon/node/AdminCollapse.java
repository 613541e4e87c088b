package io.rarakoon.node;

import io.rarakoon.client.protocol.ByteString;
import io.rarakoon.client.protocol.ConnectionFate;
import io.rarakoon.client.protocol.Request;
import io.rarakoon.client.protocol.Response;
import io.rarakoon.client.protocol.ResponseEncoder;
import io.rarakoon.client.protocol.ResultCode;
import io.rarakoon.client.protocol.ServerReply;
import io.rarakoon.kv.KvStore;
import io.rarakoon.wal.CollapseInProgressException;
import io.rarakoon.wal.CollapseResult;
import io.rarakoon.wal.Collapser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The COLLAPSE_TLOGS admin command: runs the WAL's Collapser on the background executor, never on
 * the loop, so the node keeps serving, and then answers Arakoon's frames at once: the step count,
 * then one progress frame per step. A collapse or copy-db-to-head asked for while another one is
 * queued or running is refused at once, as Arakoon refuses it ("Collapsing already in progress"),
 * instead of waiting behind it on the single background thread.
 */
final class AdminCollapse {
    private static final Logger LOG = LoggerFactory.getLogger(AdminCollapse.class);

    /** Arakoon's message for a collapse refused because another one runs. */
    private static final String IN_PROGRESS = "Collapsing already in progress";

    /** The automatic trigger is not used by the admin command; any valid value will do. */
    private static final int UNUSED_THRESHOLD_SEGMENTS = 1;

    private final Collapser collapser;
    private final NodeStorage storage;
    private final Executor background;

    /** Set on the loop thread when a request is handed to the background, cleared there. */
    private final AtomicBoolean busy = new AtomicBoolean();

    AdminCollapse(NodeStorage storage, Executor background) {
        this.collapser = storage.collapser(1, UNUSED_THRESHOLD_SEGMENTS);
        this.storage = storage;
        this.background = background;
    }

    /** Starts the collapse; {@code call} is answered from the background thread. Loop thread. */
    void start(Request.CollapseTlogs request, ClientCall call) {
        int keep = request.tlogsToKeep();
        if (keep < 1) {
            String message = keep + " is not acceptable";
            call.answer().accept(Responses.failure(ResultCode.UNKNOWN_FAILURE, message));
            return;
        }
        if (refusedAsBusy(call)) {
            return;
        }
        background.execute(() -> answerAndRelease(call, () -> run(request, keep)));
    }

    private boolean refusedAsBusy(ClientCall call) {
        if (busy.compareAndSet(false, true)) {
            return false;
        }
        call.answer().accept(Responses.failure(ResultCode.UNKNOWN_FAILURE, IN_PROGRESS));
        return true;
    }

    /** Released before the answer, so that a client may start the next one once answered. */
    private void answerAndRelease(ClientCall call, Supplier<ServerReply> work) {
        ServerReply reply;
        try {
            reply = work.get();
        } finally {
            busy.set(false);
        }
        call.answer().accept(reply);
    }

    /**
     * COPY_DB_TO_HEAD: the live store becomes the head (its snapshot is taken here, on the loop),
     * then segments are pruned on the background thread; {@code call} is answered from there. Loop
     * thread.
     */
    void copyDbToHead(Request.CopyDbToHead request, ClientCall call) {
        KvStore store = storage.store();
        int keep = request.tlogsToKeep();
        if (keep < 1) {
            String message = keep + " is not acceptable";
            call.answer().accept(Responses.failure(ResultCode.UNKNOWN_FAILURE, message));
            return;
        }
        if (store.appliedIndex().isEmpty()) {
            call.answer().accept(Responses.success(request, new Response.Done()));
            return;
        }
        long headIndex = store.appliedIndex().getAsLong();
        if (headIndex > storage.wal().durableIndex()) {
            // A catch-up applies a batch while its fsync runs; the head must not lead the log.
            String message =
                    "the store at index "
                            + headIndex
                            + " is ahead of the durable log at index "
                            + storage.wal().durableIndex()
                            + " while a catch-up runs; try again when it ends";
            call.answer().accept(Responses.failure(ResultCode.UNKNOWN_FAILURE, message));
            return;
        }
        if (refusedAsBusy(call)) {
            return;
        }
        byte[] snapshot;
        try {
            snapshot = StoreSnapshots.of(store);
        } catch (IOException e) {
            busy.set(false);
            call.answer().accept(Responses.failure(ResultCode.UNKNOWN_FAILURE, e.getMessage()));
            return;
        }
        background.execute(
                () -> answerAndRelease(call, () -> install(request, headIndex, snapshot, keep)));
    }

    private ServerReply install(Request request, long headIndex, byte[] snapshot, int keep) {
        try {
            LOG.info("copy-db-to-head done: {}", collapser.installHead(headIndex, snapshot, keep));
            return Responses.success(request, new Response.Done());
        } catch (CollapseInProgressException e) {
            return Responses.failure(ResultCode.UNKNOWN_FAILURE, IN_PROGRESS);
        } catch (IOException e) {
            LOG.error("copy-db-to-head failed; the log still opens to its previous state", e);
            return Responses.failure(ResultCode.UNKNOWN_FAILURE, "copy-db-to-head failed: " + e);
        }
    }

    private ServerReply run(Request request, int keep) {
        List<Integer> steps = new ArrayList<>();
        try {
            CollapseResult result =
                    collapser.collapse(keep, (step, stepCount, description) -> steps.add(step));
            LOG.info("collapse done: {}", result);
        } catch (CollapseInProgressException e) {
            return Responses.failure(ResultCode.UNKNOWN_FAILURE, IN_PROGRESS);
        } catch (IOException e) {
            LOG.error("collapse failed; the log still opens to its previous state", e);
            return Responses.failure(ResultCode.UNKNOWN_FAILURE, "collapse failed: " + e);
        }
        ByteArrayOutputStream frames = new ByteArrayOutputStream();
        frames.writeBytes(
                ResponseEncoder.encode(request, new Response.CollapseStarted(steps.size())));
        for (int step : steps) {
            frames.writeBytes(ResponseEncoder.encodeCollapseProgress(step));
        }
        return new ServerReply(
                Optional.of(ByteString.of(frames.toByteArray())), ConnectionFate.KEEP_OPEN);
    }
}
