package io.rarakoon.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rarakoon.wire.SnapshotChunk;
import io.rarakoon.wire.SnapshotHeader;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/**
 * The receiving end of a head snapshot transfer: chunks in order reassemble the snapshot; an
 * oversized announcement, a gap, bytes past the size, a short end and a checksum mismatch are each
 * refused with a message naming the value and the limit.
 */
class IncomingSnapshotTest {
    private static final byte[] SNAPSHOT = "a head snapshot".getBytes(StandardCharsets.UTF_8);

    private static SnapshotHeader header(long size, int crc) {
        return new SnapshotHeader(41, size, crc);
    }

    private static int crc(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return (int) crc.getValue();
    }

    private static SnapshotChunk chunk(int from, int to, boolean last) {
        byte[] part = new byte[to - from];
        System.arraycopy(SNAPSHOT, from, part, 0, part.length);
        return new SnapshotChunk(from, part, last);
    }

    @Test
    void reassemblesChunksInOrder() throws Exception {
        IncomingSnapshot incoming = IncomingSnapshot.start(header(SNAPSHOT.length, crc(SNAPSHOT)));
        assertTrue(incoming.accept(chunk(0, 6, false)).isEmpty());
        assertArrayEquals(SNAPSHOT, incoming.accept(chunk(6, SNAPSHOT.length, true)).orElseThrow());
        assertEquals(41, incoming.headIndex());
    }

    @Test
    void refusesASnapshotLargerThanTheLimit() {
        long size = Limits.CATCHUP_SNAPSHOT_BYTES_MAX + 1L;
        MalformedPayloadException e =
                assertThrows(
                        MalformedPayloadException.class,
                        () -> IncomingSnapshot.start(header(size, 0)));
        assertEquals(
                "snapshot size "
                        + size
                        + " exceeds CATCHUP_SNAPSHOT_BYTES_MAX "
                        + Limits.CATCHUP_SNAPSHOT_BYTES_MAX,
                e.getMessage());
    }

    @Test
    void refusesAChunkThatSkipsBytes() throws Exception {
        IncomingSnapshot incoming = IncomingSnapshot.start(header(SNAPSHOT.length, crc(SNAPSHOT)));
        incoming.accept(chunk(0, 6, false));
        MalformedPayloadException e =
                assertThrows(
                        MalformedPayloadException.class,
                        () -> incoming.accept(chunk(7, SNAPSHOT.length, true)));
        assertEquals(
                "snapshot chunk offset 7 does not follow the 6 bytes received", e.getMessage());
    }

    @Test
    void refusesBytesPastTheAnnouncedSizeAndAShortEnd() throws Exception {
        IncomingSnapshot small = IncomingSnapshot.start(header(4, crc(SNAPSHOT)));
        MalformedPayloadException past =
                assertThrows(
                        MalformedPayloadException.class, () -> small.accept(chunk(0, 6, false)));
        assertEquals("snapshot chunk ends at byte 6, past the snapshot size 4", past.getMessage());
        IncomingSnapshot large = IncomingSnapshot.start(header(100, crc(SNAPSHOT)));
        MalformedPayloadException shortEnd =
                assertThrows(
                        MalformedPayloadException.class, () -> large.accept(chunk(0, 6, true)));
        assertEquals("snapshot ended at byte 6 of size 100", shortEnd.getMessage());
    }

    @Test
    void refusesACorruptChunkByItsChecksum() throws Exception {
        byte[] corrupt = SNAPSHOT.clone();
        corrupt[3] ^= 0x01;
        IncomingSnapshot incoming = IncomingSnapshot.start(header(SNAPSHOT.length, crc(SNAPSHOT)));
        MalformedPayloadException e =
                assertThrows(
                        MalformedPayloadException.class,
                        () -> incoming.accept(new SnapshotChunk(0, corrupt, true)));
        assertTrue(
                e.getMessage().startsWith("snapshot checksum 0x")
                        && e.getMessage().endsWith(" of its header"),
                e.getMessage());
    }
}
