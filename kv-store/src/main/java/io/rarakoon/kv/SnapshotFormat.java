package io.rarakoon.kv;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

/**
 * The snapshot format, version 1 (big-endian; docs/kv-store.md has the table): magic, version,
 * applied index, master, admin entries, user entries in ascending key order, CRC32C of all
 * preceding bytes. Writing is deterministic: equal states give equal bytes.
 */
final class SnapshotFormat {

    static final byte[] MAGIC = "RRKVSNAP".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;

    /** Copy buffer between the store and the caller's stream. */
    private static final int BUFFER_BYTES = 64 * 1024;

    private SnapshotFormat() {}

    static void write(StoreData data, OutputStream out) throws IOException {
        CRC32C crc = new CRC32C();
        BufferedOutputStream buffered = new BufferedOutputStream(out, BUFFER_BYTES);
        DataOutputStream body = new DataOutputStream(new CheckedOutputStream(buffered, crc));
        body.write(MAGIC);
        body.writeInt(VERSION);
        body.writeLong(data.appliedIndex);
        if (data.master == null) {
            body.writeInt(-1);
        } else {
            writeField(body, data.master.getBytes(StandardCharsets.UTF_8));
        }
        body.writeInt(data.admin.size());
        for (Map.Entry<Bytes, Bytes> entry : data.admin.entrySet()) {
            writeField(body, entry.getKey().array());
            writeField(body, entry.getValue().array());
        }
        body.writeLong(data.user.size());
        try {
            data.user.walkUp(
                    Bytes.EMPTY.array(),
                    true,
                    (key, value) -> {
                        try {
                            writeField(body, key);
                            writeField(body, value);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        return true;
                    });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        body.flush();
        new DataOutputStream(buffered).writeInt((int) crc.getValue());
        buffered.flush();
    }

    private static void writeField(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static StoreData read(InputStream raw, int leafEntriesMax) throws IOException {
        Reader in = new Reader(new BufferedInputStream(raw, BUFFER_BYTES));
        StoreData data = new StoreData(leafEntriesMax);
        readHeader(in, data);
        readAdmin(in, data);
        readUser(in, data);
        long checksumOffset = in.offset;
        int expected = (int) in.crc.getValue();
        int actual = in.readInt("checksum");
        if (actual != expected) {
            throw new CorruptSnapshotException(
                    "checksum", checksumOffset, hex(expected), hex(actual));
        }
        if (in.stream.read() != -1) {
            throw new CorruptSnapshotException(
                    "end of snapshot", in.offset, "end of stream", "more bytes");
        }
        return data;
    }

    private static void readHeader(Reader in, StoreData data) throws IOException {
        byte[] magic = in.readBytes("magic", MAGIC.length);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new CorruptSnapshotException(
                    "magic",
                    0,
                    HexFormat.of().formatHex(MAGIC) + " (not a kv-store snapshot)",
                    HexFormat.of().formatHex(magic));
        }
        long versionOffset = in.offset;
        int version = in.readInt("version");
        if (version != VERSION) {
            throw new CorruptSnapshotException(
                    "version", versionOffset, Integer.toString(VERSION), Integer.toString(version));
        }
        long indexOffset = in.offset;
        data.appliedIndex = in.readLong("applied index");
        if (data.appliedIndex < StoreData.NO_INDEX) {
            throw new CorruptSnapshotException(
                    "applied index", indexOffset, ">= -1", Long.toString(data.appliedIndex));
        }
        long masterOffset = in.offset;
        int masterLength = in.readInt("master length");
        if (masterLength < -1 || masterLength > Limits.MASTER_NAME_BYTES_MAX) {
            throw new CorruptSnapshotException(
                    "master length",
                    masterOffset,
                    "-1..MASTER_NAME_BYTES_MAX " + Limits.MASTER_NAME_BYTES_MAX,
                    Integer.toString(masterLength));
        }
        if (masterLength >= 0) {
            long nameOffset = in.offset;
            byte[] master = in.readBytes("master", masterLength);
            data.master = strictUtf8("master", nameOffset, master);
        }
    }

    private static void readAdmin(Reader in, StoreData data) throws IOException {
        long countOffset = in.offset;
        int count = in.readInt("admin count");
        if (count < 0) {
            throw new CorruptSnapshotException(
                    "admin count", countOffset, ">= 0", Integer.toString(count));
        }
        byte[] previous = null;
        for (int i = 0; i < count; i++) {
            long keyOffset = in.offset;
            byte[] key = in.readField("admin key");
            requireAscending("admin key", keyOffset, previous, key);
            data.admin.put(Bytes.wrap(key), Bytes.wrap(in.readField("admin value")));
            previous = key;
        }
    }

    private static void readUser(Reader in, StoreData data) throws IOException {
        long countOffset = in.offset;
        long count = in.readLong("user count");
        if (count < 0) {
            throw new CorruptSnapshotException(
                    "user count", countOffset, ">= 0", Long.toString(count));
        }
        byte[] previous = null;
        for (long i = 0; i < count; i++) {
            long keyOffset = in.offset;
            byte[] key = in.readField("user key");
            requireAscending("user key", keyOffset, previous, key);
            data.user.put(key, in.readField("user value"));
            previous = key;
        }
    }

    private static void requireAscending(String field, long offset, byte[] previous, byte[] key)
            throws CorruptSnapshotException {
        if (previous != null && Arrays.compareUnsigned(previous, key) >= 0) {
            throw new CorruptSnapshotException(
                    field + " order",
                    offset,
                    "a key greater than " + Bytes.wrap(previous),
                    Bytes.wrap(key).toString());
        }
    }

    /** Decodes UTF-8 that the writer produced; a lossy decode would change the state. */
    private static String strictUtf8(String field, long offset, byte[] bytes)
            throws CorruptSnapshotException {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new CorruptSnapshotException(
                    field, offset, "UTF-8", HexFormat.of().formatHex(bytes));
        }
    }

    private static String hex(int value) {
        return "0x" + HexFormat.of().toHexDigits(value);
    }

    /** Reads fields, tracking the offset and the running checksum of every byte read. */
    private static final class Reader {
        final InputStream stream;
        final CRC32C crc = new CRC32C();
        long offset;

        Reader(InputStream stream) {
            this.stream = stream;
        }

        /** A length-prefixed field; the length is checked before anything is allocated. */
        byte[] readField(String field) throws IOException {
            long lengthOffset = offset;
            int length = readInt(field + " length");
            if (length < 0 || length > Limits.FIELD_BYTES_MAX) {
                throw new CorruptSnapshotException(
                        field + " length",
                        lengthOffset,
                        "0..FIELD_BYTES_MAX " + Limits.FIELD_BYTES_MAX,
                        Integer.toString(length));
            }
            return readBytes(field, length);
        }

        int readInt(String field) throws IOException {
            byte[] bytes = readBytes(field, Integer.BYTES);
            int value = 0;
            for (byte b : bytes) {
                value = (value << 8) | (b & 0xff);
            }
            return value;
        }

        long readLong(String field) throws IOException {
            byte[] bytes = readBytes(field, Long.BYTES);
            long value = 0;
            for (byte b : bytes) {
                value = (value << 8) | (b & 0xff);
            }
            return value;
        }

        /** Reads exactly {@code length} bytes; readNBytes grows its buffer only as data comes. */
        byte[] readBytes(String field, int length) throws IOException {
            byte[] bytes = stream.readNBytes(length);
            if (bytes.length != length) {
                throw new CorruptSnapshotException(
                        field,
                        offset,
                        length + " bytes",
                        bytes.length + " bytes before the end of the stream (truncated)");
            }
            crc.update(bytes, 0, length);
            offset += length;
            return bytes;
        }
    }
}
