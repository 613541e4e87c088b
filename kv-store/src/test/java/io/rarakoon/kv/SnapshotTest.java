package io.rarakoon.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Snapshots: a restored store has the original's digest, reads and next index (random stores from a
 * seeded loop, plus the empty store); every single-byte flip and every truncation of a small
 * snapshot fails restore with {@link CorruptSnapshotException}; named regions (magic, version,
 * index, counts, a key, a value, the checksum) report their field; lengths beyond the limit fail
 * before any allocation.
 */
class SnapshotTest {

    private static final int VALUE_BYTES_MAX = Limits.VALUE_BYTES_MAX_DEFAULT;

    // Offsets in a snapshot of storeWith(1): master "n1", admin "cfg" -> "on", "key-0000".
    private static final int MAGIC_AT = 0;
    private static final int VERSION_AT = 8;
    private static final int INDEX_AT = 12;
    private static final int MASTER_LENGTH_AT = 20;
    private static final int ADMIN_COUNT_AT = 26;
    private static final int USER_COUNT_AT = 43;
    private static final int KEY_LENGTH_AT = 51;
    private static final int KEY_AT = 55;
    private static final int VALUE_LENGTH_AT = 63;
    private static final int VALUE_AT = 67;

    @Property(tries = 30)
    void restoredStoreEqualsOriginal(@ForAll @IntRange(min = 0, max = 3000) int entries)
            throws IOException {
        KvStore original = storeWith(entries);
        KvStore restored = restore(snapshotOf(original));
        assertEquals(original.digest(), restored.digest());
        assertEquals(original.nextIndex(), restored.nextIndex());
        assertEquals(original.master(), restored.master());
        assertEquals(original.keyCount(), restored.keyCount());
        assertEquals(all(original), all(restored));
        assertEquals(original.adminGet(Bytes.utf8("cfg")), restored.adminGet(Bytes.utf8("cfg")));
        assertEquals(
                List.of(UpdateResult.OK),
                restored.apply(restored.nextIndex(), List.of(set("z", "1"))));
    }

    @Test
    void emptyStoreRoundTripsAndAppliesIndexZeroNext() throws IOException {
        KvStore restored =
                restore(snapshotOf(new KvStore(VALUE_BYTES_MAX, UserFunctionRegistry.empty())));
        assertEquals(0, restored.nextIndex());
        assertTrue(restored.appliedIndex().isEmpty());
        assertEquals(Optional.empty(), restored.master());
    }

    @Test
    void digestDiffersWhenAnyPartOfTheStateDiffers() {
        KvStore base = storeWith(10);
        KvStore value = storeWith(10);
        value.apply(value.nextIndex(), List.of(set("key-0003", "other")));
        KvStore master = storeWith(10);
        master.apply(master.nextIndex(), List.of(new Update.MasterSet("n9")));
        KvStore admin = storeWith(10);
        admin.apply(
                admin.nextIndex(),
                List.of(new Update.AdminSet(Bytes.utf8("x"), Optional.of(Bytes.EMPTY))));
        KvStore index = storeWith(10);
        index.apply(index.nextIndex(), List.of(new Update.Nop()));
        for (KvStore other : List.of(value, master, admin, index)) {
            assertNotEquals(base.digest(), other.digest());
        }
        assertEquals(base.digest(), storeWith(10).digest());
    }

    @Test
    void everySingleByteFlipFailsRestore() {
        byte[] snapshot = snapshotOf(storeWith(3));
        for (int offset = 0; offset < snapshot.length; offset++) {
            byte[] corrupt = snapshot.clone();
            corrupt[offset] ^= 0x5a;
            int at = offset;
            assertThrows(
                    CorruptSnapshotException.class, () -> restore(corrupt), () -> "flip at " + at);
        }
    }

    @Test
    void everyTruncationAndTrailingByteFailsRestore() {
        byte[] snapshot = snapshotOf(storeWith(3));
        for (int length = 0; length < snapshot.length; length++) {
            byte[] truncated = Arrays.copyOf(snapshot, length);
            assertThrows(
                    CorruptSnapshotException.class,
                    () -> restore(truncated),
                    () -> "length " + truncated.length);
        }
        CorruptSnapshotException trailing =
                assertThrows(
                        CorruptSnapshotException.class,
                        () -> restore(Arrays.copyOf(snapshot, snapshot.length + 1)));
        assertEquals("end of snapshot", trailing.field());
    }

    @Test
    void namesTheCorruptRegion() {
        byte[] snapshot = snapshotOf(storeWith(1));
        assertField("magic", 0, snapshot, MAGIC_AT);
        assertField("version", VERSION_AT, snapshot, VERSION_AT);
        assertField("master length", MASTER_LENGTH_AT, snapshot, MASTER_LENGTH_AT);
        assertField("admin count", ADMIN_COUNT_AT, snapshot, ADMIN_COUNT_AT);
        assertField("user count", USER_COUNT_AT, snapshot, USER_COUNT_AT);
        assertField("user key length", KEY_LENGTH_AT, snapshot, KEY_LENGTH_AT);
        int checksumAt = snapshot.length - 4;
        for (int region : new int[] {INDEX_AT + 7, KEY_AT + 2, VALUE_AT}) {
            assertField("checksum", checksumAt, snapshot, region);
        }
        assertField("checksum", checksumAt, snapshot, checksumAt + 3);
    }

    @Test
    void negativeAppliedIndexIsCorrupt() {
        byte[] snapshot = snapshotOf(storeWith(1));
        ByteBuffer.wrap(snapshot).putLong(INDEX_AT, -2);
        CorruptSnapshotException e =
                assertThrows(CorruptSnapshotException.class, () -> restore(snapshot));
        assertEquals("applied index", e.field());
    }

    @Test
    void foreignFileIsRejectedByItsMagic() {
        byte[] text =
                "this is not a snapshot at all"
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        CorruptSnapshotException e =
                assertThrows(CorruptSnapshotException.class, () -> restore(text));
        assertTrue(e.getMessage().contains("not a kv-store snapshot"), e.getMessage());
    }

    @Test
    void lengthBeyondFieldLimitFailsBeforeAllocating() {
        byte[] snapshot = snapshotOf(storeWith(1));
        ByteBuffer.wrap(snapshot).putInt(VALUE_LENGTH_AT, Integer.MAX_VALUE);
        CorruptSnapshotException e =
                assertThrows(CorruptSnapshotException.class, () -> restore(snapshot));
        assertEquals("user value length", e.field());
        assertTrue(e.getMessage().contains("2147483647"), e.getMessage());
        assertTrue(
                e.getMessage().contains(Integer.toString(Limits.FIELD_BYTES_MAX)), e.getMessage());
    }

    @Test
    void hugeCountsAndLengthsWithinLimitsOnlyReadWhatIsThere() {
        byte[] counts = snapshotOf(storeWith(1));
        ByteBuffer.wrap(counts).putLong(USER_COUNT_AT, Long.MAX_VALUE);
        assertThrows(CorruptSnapshotException.class, () -> restore(counts));
        byte[] length = snapshotOf(storeWith(1));
        ByteBuffer.wrap(length).putInt(VALUE_LENGTH_AT, Limits.FIELD_BYTES_MAX);
        CorruptSnapshotException e =
                assertThrows(CorruptSnapshotException.class, () -> restore(length));
        assertEquals("user value", e.field());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void keysOutOfOrderAreCorrupt() {
        byte[] snapshot = snapshotOf(storeWith(2));
        // Both keys have 8 bytes; swapping their last bytes puts them out of order.
        int first = KEY_AT + 7;
        int second = KEY_AT + 8 + 4 + "value-0".length() + 4 + 7;
        byte swap = snapshot[first];
        snapshot[first] = snapshot[second];
        snapshot[second] = swap;
        CorruptSnapshotException e =
                assertThrows(CorruptSnapshotException.class, () -> restore(snapshot));
        assertEquals("user key order", e.field());
    }

    @Test
    void failingOutputStreamPropagatesItsIOException() {
        KvStore store = storeWith(100);
        IOException e =
                assertThrows(
                        IOException.class,
                        () ->
                                store.writeSnapshot(
                                        new java.io.OutputStream() {
                                            @Override
                                            public void write(int b) throws IOException {
                                                throw new IOException("disk full");
                                            }
                                        }));
        assertEquals("disk full", e.getMessage());
    }

    private static void assertField(String field, long offset, byte[] snapshot, int flipAt) {
        byte[] corrupt = snapshot.clone();
        corrupt[flipAt] ^= (byte) 0x80; // top byte of a length or count: negative
        CorruptSnapshotException e =
                assertThrows(CorruptSnapshotException.class, () -> restore(corrupt));
        assertEquals(field, e.field(), e.getMessage());
        assertEquals(offset, e.offset(), e.getMessage());
    }

    /** Master "n1", admin key "cfg", entries "key-0000" -> "value-0", ... */
    static KvStore storeWith(int entries) {
        KvStore store = new KvStore(VALUE_BYTES_MAX, UserFunctionRegistry.empty());
        store.apply(0, List.of(new Update.MasterSet("n1")));
        store.apply(
                1, List.of(new Update.AdminSet(Bytes.utf8("cfg"), Optional.of(Bytes.utf8("on")))));
        for (int i = 0; i < entries; i++) {
            store.apply(
                    store.nextIndex(),
                    List.of(
                            set(
                                    String.format(java.util.Locale.ROOT, "key-%04d", i),
                                    "value-" + i % 10)));
        }
        return store;
    }

    private static Update set(String key, String value) {
        return new Update.Set(Bytes.utf8(key), Bytes.utf8(value));
    }

    private static List<KeyValue> all(KvStore store) {
        return store.rangeEntries(Optional.empty(), true, Optional.empty(), true, -1);
    }

    static byte[] snapshotOf(KvStore store) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            store.writeSnapshot(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static KvStore restore(byte[] snapshot) throws IOException {
        InputStream in = new ByteArrayInputStream(snapshot);
        return KvStore.restore(in, VALUE_BYTES_MAX, UserFunctionRegistry.empty());
    }
}
