package io.rarakoon.kv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing (Jazzer) of {@link KvStore#restore}, the snapshot reader used for the
 * head file and for snapshots received from a peer. An input is one flag byte and then the
 * snapshot; when the flag's low bit is set the last four bytes are replaced by the right CRC32C, so
 * the fuzzer reaches the checks behind the checksum too. Restore must either fail with {@link
 * CorruptSnapshotException} or give a store whose own snapshot is exactly the input (the format is
 * canonical: one state, one encoding). Any other exception or an out-of-memory is a finding.
 *
 * <p>Seeds are snapshots of small stores. Without JAZZER_FUZZ the test replays the seeds and the
 * findings kept under {@code SnapshotRestoreFuzzTestInputs/fuzz} in the test resources; the build's
 * fuzz execution fuzzes for {@code fuzz.seconds}.
 */
class SnapshotRestoreFuzzTest {
    private static final int VALUE_BYTES_MAX = Limits.VALUE_BYTES_MAX_DEFAULT;

    static List<byte[]> fuzz() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(seed(new KvStore(VALUE_BYTES_MAX, UserFunctionRegistry.empty())));
        KvStore store = new KvStore(VALUE_BYTES_MAX, UserFunctionRegistry.empty());
        store.apply(0, List.of(new Update.MasterSet("n1")));
        store.apply(1, List.of(new Update.AdminSet(Bytes.utf8("cfg"), Optional.of(Bytes.EMPTY))));
        seeds.add(seed(store));
        for (int i = 0; i < 3; i++) {
            Bytes key = Bytes.utf8("key-" + i);
            store.apply(store.nextIndex(), List.of(new Update.Set(key, Bytes.utf8("v" + i))));
        }
        seeds.add(seed(store));
        return seeds;
    }

    private static byte[] seed(KvStore store) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(1);
        store.writeSnapshot(out);
        return out.toByteArray();
    }

    @MethodSource("fuzz")
    @FuzzTest(maxDuration = "5s")
    void fuzz(byte[] input) throws IOException {
        if (input.length == 0) {
            return;
        }
        byte[] snapshot = Arrays.copyOfRange(input, 1, input.length);
        if ((input[0] & 1) == 1 && snapshot.length >= Integer.BYTES) {
            fixChecksum(snapshot);
        }
        KvStore restored;
        try {
            restored =
                    KvStore.restore(
                            new ByteArrayInputStream(snapshot),
                            VALUE_BYTES_MAX,
                            UserFunctionRegistry.empty());
        } catch (CorruptSnapshotException expected) {
            return;
        }
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        restored.writeSnapshot(again);
        assertArrayEquals(snapshot, again.toByteArray());
    }

    private static void fixChecksum(byte[] snapshot) {
        int body = snapshot.length - Integer.BYTES;
        CRC32C crc = new CRC32C();
        crc.update(snapshot, 0, body);
        int value = (int) crc.getValue();
        for (int i = 0; i < Integer.BYTES; i++) {
            snapshot[body + i] = (byte) (value >>> (24 - 8 * i));
        }
    }
}
