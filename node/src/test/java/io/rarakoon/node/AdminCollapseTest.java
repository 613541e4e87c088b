package io.rarakoon.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rarakoon.client.protocol.Request;
import io.rarakoon.client.protocol.ResultCode;
import io.rarakoon.client.protocol.ServerReply;
import io.rarakoon.kv.Update;
import io.rarakoon.kv.UserFunctionRegistry;
import io.rarakoon.wal.MemoryDisk;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.junit.jupiter.api.Test;

/**
 * {@link AdminCollapse} refuses a collapse asked for while another one waits for or runs on the
 * background thread (spec §3.8, Arakoon's test_concurrent_collapse_fails), and accepts the next one
 * once the first has answered; and refuses COPY_DB_TO_HEAD while the store is ahead of the durable
 * log (a catch-up applies a batch while its fsync runs). The background is a queue the test runs by
 * hand.
 */
class AdminCollapseTest {
    private static final StorageOptions OPTIONS =
            new StorageOptions(4, 1024, 1024, UserFunctionRegistry.empty(), false);

    private final Queue<Runnable> background = new ArrayDeque<>();
    private final Queue<Runnable> syncer = new ArrayDeque<>();
    private final List<ServerReply> first = new ArrayList<>();
    private final List<ServerReply> second = new ArrayList<>();
    private final List<ServerReply> third = new ArrayList<>();

    @Test
    void refusesASecondCollapseWhileTheFirstIsPendingThenAcceptsTheNext() throws IOException {
        try (NodeStorage storage = NodeStorage.open(new MemoryDisk(), OPTIONS, Runnable::run)) {
            AdminCollapse collapse = new AdminCollapse(storage, background::add);
            Request.CollapseTlogs request = new Request.CollapseTlogs(1);
            collapse.start(request, new ClientCall(request, first::add));
            collapse.start(request, new ClientCall(request, second::add));
            assertEquals(
                    List.of(
                            Responses.failure(
                                    ResultCode.UNKNOWN_FAILURE, "Collapsing already in progress")),
                    second);
            assertTrue(first.isEmpty(), "the first waits for the background");

            background.remove().run();
            assertEquals(1, first.size());
            collapse.start(request, new ClientCall(request, third::add));
            assertEquals(1, background.size(), "the next collapse is accepted");
        }
    }

    @Test
    void refusesCopyDbToHeadWhileTheStoreIsAheadOfTheDurableLog() throws IOException {
        try (NodeStorage storage = NodeStorage.open(new MemoryDisk(), OPTIONS, Runnable::run)) {
            AdminCollapse collapse = new AdminCollapse(storage, background::add);
            storage.wal().append(0, new byte[] {1});
            storage.wal().startForce(syncer::add);
            storage.store().apply(0, List.of(new Update.MasterSet("n0")));
            Request.CopyDbToHead request = new Request.CopyDbToHead(1);

            collapse.copyDbToHead(request, new ClientCall(request, first::add));
            String message =
                    "the store at index 0 is ahead of the durable log at index -1 while a catch-up"
                            + " runs; try again when it ends";
            assertEquals(List.of(Responses.failure(ResultCode.UNKNOWN_FAILURE, message)), first);
            assertTrue(background.isEmpty(), "nothing is installed");

            syncer.remove().run();
            storage.wal().force();
            collapse.copyDbToHead(request, new ClientCall(request, second::add));
            assertEquals(1, background.size(), "accepted once the log is durable");
        }
    }
}
