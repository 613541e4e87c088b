package io.rarakoon.node;

import io.rarakoon.kv.Update;
import io.rarakoon.paxos.message.ByteString;
import io.rarakoon.paxos.message.ClientValue;
import io.rarakoon.paxos.message.LogEntry;
import io.rarakoon.paxos.message.MasterValue;
import io.rarakoon.paxos.message.Value;
import io.rarakoon.wal.WalEntry;
import io.rarakoon.wire.MalformedFrameException;
import io.rarakoon.wire.WireCodec;
import java.util.ArrayList;
import java.util.List;

/**
 * The node's two byte encodings, both wire-codec frames (STYLE.md §3): a log entry as the payload
 * of a WAL record, and a kv-store update as one opaque update of a Paxos {@link ClientValue}.
 *
 * <p>Not thread-safe (a Kryo codec inside): one instance per thread, as the loop and the collapser
 * each have.
 */
final class ValueCodec {
    /**
     * Updates up to this size are decoded from {@link #updateBuffer} instead of a fresh copy: most
     * are small, and a replay or catch-up decodes millions of them.
     */
    private static final int UPDATE_BUFFER_BYTES = 64 * 1024;

    private final WireCodec codec = new WireCodec();
    private final byte[] updateBuffer = new byte[UPDATE_BUFFER_BYTES];

    /** Encodes a log entry as a WAL payload. */
    byte[] encodeEntry(LogEntry entry) {
        return codec.encode(entry);
    }

    /**
     * Decodes a WAL payload written by {@link #encodeEntry}.
     *
     * @throws MalformedPayloadException naming the field when the bytes are not a log entry
     */
    LogEntry decodeEntry(byte[] payload) throws MalformedPayloadException {
        return decode(payload, payload.length, LogEntry.class);
    }

    /**
     * Decodes the log entry a WAL record holds.
     *
     * @throws CorruptStorageException naming the record's index when the payload is not a log
     *     entry, or one of another index
     */
    LogEntry decodeLogged(WalEntry walEntry) throws CorruptStorageException {
        try {
            LogEntry entry = decodeEntry(walEntry.payload());
            if (entry.index() != walEntry.index()) {
                throw new MalformedPayloadException(
                        "entry index "
                                + entry.index()
                                + " in a record of index "
                                + walEntry.index());
            }
            return entry;
        } catch (MalformedPayloadException e) {
            throw corrupt(walEntry, e);
        }
    }

    /**
     * The kv-store updates of the log entry a WAL record holds.
     *
     * @throws CorruptStorageException naming the record's index when the entry or one of its
     *     updates cannot be decoded
     */
    List<Update> loggedUpdates(WalEntry walEntry) throws CorruptStorageException {
        Value value = decodeLogged(walEntry).value();
        try {
            return updatesOf(value);
        } catch (MalformedPayloadException e) {
            throw corrupt(walEntry, e);
        }
    }

    private static CorruptStorageException corrupt(WalEntry walEntry, MalformedPayloadException e) {
        return new CorruptStorageException(
                "write-ahead log index " + walEntry.index() + ": " + e.getMessage(), e);
    }

    /** Encodes one kv-store update as an opaque update of a client value. */
    ByteString encodeUpdate(Update update) {
        return codec.encode(update, ByteString::copyOf);
    }

    /**
     * Decodes an update written by {@link #encodeUpdate}.
     *
     * @throws MalformedPayloadException naming the field when the bytes are not an update
     */
    Update decodeUpdate(ByteString bytes) throws MalformedPayloadException {
        if (bytes.length() > UPDATE_BUFFER_BYTES) {
            return decode(bytes.toByteArray(), bytes.length(), Update.class);
        }
        bytes.copyTo(updateBuffer, 0);
        return decode(updateBuffer, bytes.length(), Update.class);
    }

    /**
     * The kv-store updates a chosen value stands for: a client value's decoded updates, or the
     * MasterSet a lease value records.
     *
     * @throws MalformedPayloadException when an update cannot be decoded
     */
    List<Update> updatesOf(Value value) throws MalformedPayloadException {
        if (value instanceof MasterValue lease) {
            return List.of(new Update.MasterSet(lease.master().name()));
        }
        ClientValue client = (ClientValue) value;
        List<Update> updates = new ArrayList<>(client.updates().size());
        for (ByteString update : client.updates()) {
            updates.add(decodeUpdate(update));
        }
        return updates;
    }

    private <T> T decode(byte[] buffer, int frameBytes, Class<T> type)
            throws MalformedPayloadException {
        Object decoded;
        try {
            decoded = codec.decode(buffer, frameBytes);
        } catch (MalformedFrameException e) {
            throw new MalformedPayloadException(e.getMessage());
        }
        if (!type.isInstance(decoded)) {
            throw new MalformedPayloadException(
                    "frame holds a "
                            + decoded.getClass().getSimpleName()
                            + ", not a "
                            + type.getSimpleName());
        }
        return type.cast(decoded);
    }
}
