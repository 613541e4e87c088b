package io.rarakoon.wal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Checks how the module's limits relate to each other and to the on-disk format. */
class LimitsTest {

    @Test
    void segmentSizesAreOrdered() {
        assertTrue(Limits.ENTRIES_PER_SEGMENT_MIN >= 2);
        assertTrue(Limits.ENTRIES_PER_SEGMENT_MIN <= Limits.ENTRIES_PER_SEGMENT_DEFAULT);
        assertTrue(Limits.ENTRIES_PER_SEGMENT_DEFAULT <= Limits.ENTRIES_PER_SEGMENT_MAX);
    }

    @Test
    void largestRecordFitsInAnInt() {
        assertTrue((long) RecordCodec.recordBytes(Limits.PAYLOAD_BYTES_MAX) < Integer.MAX_VALUE);
    }

    @Test
    void bufferAndChunkHoldHeadersAndTypicalRecords() {
        assertTrue(Limits.APPEND_BUFFER_BYTES >= RecordCodec.recordBytes(64 * 1024));
        assertTrue(Limits.READ_CHUNK_BYTES >= FileHeader.BYTES + RecordCodec.HEADER_BYTES);
        assertTrue(Limits.APPEND_BUFFER_BYTES <= Limits.PAYLOAD_BYTES_MAX);
    }
}
