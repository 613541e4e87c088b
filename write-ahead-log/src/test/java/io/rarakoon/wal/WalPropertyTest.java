package io.rarakoon.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/**
 * The log against a list model on MemoryDisk, 3 entries per segment. jqwik draws a sequence of
 * actions (append the next index, append the last index again, force, run background compression,
 * crash and reopen, tearing crash and reopen) and a seed for the tears. After each reopen the
 * recovered entries must equal the model's appends up to some point at or after the last force:
 * everything reported durable comes back, nothing else appears, nothing reorders.
 */
class WalPropertyTest {
    private static final int PER_SEGMENT = 3;

    @Property(tries = 200)
    void recoversExactlyAPrefixAtLeastAsLongAsWhatWasDurable(
            @ForAll @Size(max = 80) List<@IntRange(min = 0, max = 11) Integer> actions,
            @ForAll @LongRange(min = 0, max = 20) long firstIndex,
            @ForAll long seed)
            throws IOException {
        SplittableRandom tears = new SplittableRandom(seed);
        MemoryDisk disk = new MemoryDisk();
        ManualExecutor background = new ManualExecutor();
        Wal wal = Wal.open(disk, PER_SEGMENT, background);
        List<WalEntry> appended = new ArrayList<>();
        int durableCount = 0;
        for (int action : actions) {
            if (action <= 6 || (action == 7 && appended.isEmpty())) {
                long last = appended.isEmpty() ? firstIndex - 1 : wal.lastIndex();
                appended.add(append(wal, last + 1, appended.size()));
            } else if (action == 7) {
                appended.add(append(wal, wal.lastIndex(), appended.size()));
            } else if (action == 8) {
                assertEquals(lastIndexOf(appended), wal.force());
                durableCount = appended.size();
            } else if (action == 9) {
                background.runAll();
            } else {
                if (action == 10) {
                    disk.crash();
                } else {
                    disk.crash(tears);
                }
                background = new ManualExecutor();
                wal = Wal.open(disk, PER_SEGMENT, background);
                int kept = matchingPrefix(recovered(wal), appended, durableCount);
                appended = new ArrayList<>(appended.subList(0, kept));
                durableCount = kept;
                assertEquals(lastIndexOf(appended), wal.durableIndex());
            }
        }
        wal.close();
    }

    private static WalEntry append(Wal wal, long index, int serial) throws IOException {
        byte[] payload = ("op-" + serial).getBytes(StandardCharsets.UTF_8);
        wal.append(index, payload);
        return new WalEntry(index, payload);
    }

    private static long lastIndexOf(List<WalEntry> appended) {
        return appended.isEmpty() ? Wal.NO_INDEX : appended.get(appended.size() - 1).index();
    }

    private static TreeMap<Long, String> recovered(Wal wal) throws IOException {
        TreeMap<Long, String> result = new TreeMap<>();
        try (EntryCursor cursor = wal.entries(0)) {
            for (var entry = cursor.next(); entry.isPresent(); entry = cursor.next()) {
                result.put(entry.get().index(), text(entry.get()));
            }
        }
        return result;
    }

    /** The length L >= durableCount whose appends, last write per index winning, recovered. */
    private static int matchingPrefix(
            TreeMap<Long, String> recovered, List<WalEntry> appended, int durableCount) {
        TreeMap<Long, String> model = new TreeMap<>();
        for (int length = 0; length <= appended.size(); length++) {
            if (length > 0) {
                WalEntry entry = appended.get(length - 1);
                model.put(entry.index(), text(entry));
            }
            if (length >= durableCount && model.equals(recovered)) {
                return length;
            }
        }
        assertTrue(
                false,
                "recovered "
                        + recovered
                        + " is no prefix of the appends at or after "
                        + durableCount
                        + " of "
                        + appended);
        return 0;
    }

    private static String text(WalEntry entry) {
        return new String(entry.payload(), StandardCharsets.UTF_8);
    }
}
