package io.rarakoon.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rarakoon.kv.Bytes;
import io.rarakoon.kv.Update;
import io.rarakoon.kv.UserFunctionRegistry;
import io.rarakoon.paxos.message.ClientValue;
import io.rarakoon.paxos.message.LogEntry;
import io.rarakoon.wal.MemoryDisk;
import io.rarakoon.wal.Wal;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The automatic collapse on the manual scheduler: nothing happens before the first check; once more
 * completed segments than the threshold lie past the head, a check folds them into a head snapshot,
 * and the storage reopens to the same store.
 */
class AutoCollapseTest {
    private static final StorageOptions OPTIONS =
            new StorageOptions(4, 1024, 1024, UserFunctionRegistry.empty(), false);

    @Test
    void collapsesOncePastTheThreshold() throws IOException {
        MemoryDisk disk = new MemoryDisk();
        ValueCodec codec = new ValueCodec();
        ManualScheduler time = new ManualScheduler();
        Bytes digest;
        try (NodeStorage storage = NodeStorage.open(disk, OPTIONS, Runnable::run)) {
            for (int index = 0; index < 20; index++) {
                Update set = new Update.Set(Bytes.utf8("k" + index), Bytes.utf8("v"));
                ClientValue value = new ClientValue(List.of(codec.encodeUpdate(set)), false);
                storage.wal().append(index, codec.encodeEntry(new LogEntry(1, index, value)));
            }
            storage.wal().force();
            AutoCollapse collapse =
                    new AutoCollapse(storage.collapser(1, 2), time.view(), Runnable::run);
            collapse.start();
            time.runFor(Limits.AUTO_COLLAPSE_CHECK_MILLIS - 1);
            assertEquals(Wal.NO_INDEX, storage.wal().headIndex(), "no check yet");
            time.runFor(1);
            assertTrue(storage.wal().headIndex() >= 0, "the first check collapsed");
            collapse.stop();
        }
        try (NodeStorage reopened = NodeStorage.open(disk, OPTIONS, Runnable::run)) {
            digest = reopened.store().digest();
            assertEquals(18, reopened.durableState().appliedIndex());
        }
        try (NodeStorage again = NodeStorage.open(disk, OPTIONS, Runnable::run)) {
            assertEquals(digest, again.store().digest());
        }
    }
}
