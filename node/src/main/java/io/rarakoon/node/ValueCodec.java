package io.rarakoon.node;

import io.rarakoon.kv.Bytes;
import io.rarakoon.kv.Update;
import io.rarakoon.paxos.message.ByteString;
import io.rarakoon.paxos.message.ClientValue;
import io.rarakoon.paxos.message.LogEntry;
import io.rarakoon.paxos.message.MasterValue;
import io.rarakoon.paxos.message.NodeId;
import io.rarakoon.paxos.message.Value;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The node's interim encoding of log entries (WAL payloads) and of kv-store updates inside Paxos
 * client values. STYLE.md §3 puts every byte encoding in wire-codec; this class keeps the node's
 * two encodings in one place until wire-codec registers Paxos values and kv updates, and is then
 * replaced. Big-endian, length-prefixed, every length checked against a limit before allocating.
 *
 * <p>Stateless and thread-safe.
 */
final class ValueCodec {
    private static final int ENTRY_FORMAT = 1;
    private static final int CLIENT_VALUE_TAG = 1;
    private static final int MASTER_VALUE_TAG = 2;

    private ValueCodec() {}

    /** Encodes a log entry as a WAL payload. */
    static byte[] encodeEntry(LogEntry entry) {
        return write(
                out -> {
                    out.writeByte(ENTRY_FORMAT);
                    out.writeLong(entry.term());
                    out.writeLong(entry.index());
                    writeValue(out, entry.value());
                });
    }

    /**
     * Decodes a WAL payload written by {@link #encodeEntry}.
     *
     * @throws MalformedPayloadException naming the field when the bytes are not an entry
     */
    static LogEntry decodeEntry(byte[] payload) throws MalformedPayloadException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
        try {
            int format = in.readUnsignedByte();
            if (format != ENTRY_FORMAT) {
                throw new MalformedPayloadException("entry format " + format + " unknown");
            }
            long term = in.readLong();
            long index = in.readLong();
            if (index < 0) {
                throw new MalformedPayloadException("entry index " + index + " is negative");
            }
            Value value = readValue(in);
            requireEnd(in, "entry");
            return new LogEntry(term, index, value);
        } catch (EOFException e) {
            throw new MalformedPayloadException("entry truncated at " + payload.length + " bytes");
        } catch (MalformedPayloadException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("reading a byte array cannot fail", e);
        }
    }

    /** Encodes one kv-store update as an opaque update of a {@link ClientValue}. */
    static ByteString encodeUpdate(Update update) {
        return ByteString.copyOf(write(out -> UpdateFormat.write(out, update)));
    }

    /**
     * Decodes an update written by {@link #encodeUpdate}.
     *
     * @throws MalformedPayloadException naming the field when the bytes are not an update
     */
    static Update decodeUpdate(ByteString bytes) throws MalformedPayloadException {
        byte[] array = bytes.toByteArray();
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(array));
        try {
            Update update = UpdateFormat.read(in, 0);
            requireEnd(in, "update");
            return update;
        } catch (EOFException e) {
            throw new MalformedPayloadException("update truncated at " + array.length + " bytes");
        } catch (MalformedPayloadException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("reading a byte array cannot fail", e);
        }
    }

    /**
     * The kv-store updates a chosen value stands for: a client value's decoded updates, or the
     * MasterSet a lease value records.
     *
     * @throws MalformedPayloadException when an update cannot be decoded
     */
    static List<Update> updatesOf(Value value) throws MalformedPayloadException {
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

    private static void writeValue(DataOutputStream out, Value value) throws IOException {
        if (value instanceof ClientValue client) {
            out.writeByte(CLIENT_VALUE_TAG);
            out.writeBoolean(client.synced());
            out.writeInt(client.updates().size());
            for (ByteString update : client.updates()) {
                UpdateFormat.writeBytes(out, update.toByteArray());
            }
        } else if (value instanceof MasterValue lease) {
            out.writeByte(MASTER_VALUE_TAG);
            UpdateFormat.writeBytes(out, Bytes.utf8(lease.master().name()).toByteArray());
            out.writeLong(lease.leaseStartMillis());
        } else {
            throw new AssertionError("unhandled " + value);
        }
    }

    private static Value readValue(DataInputStream in) throws IOException {
        int tag = in.readUnsignedByte();
        if (tag == MASTER_VALUE_TAG) {
            Bytes name = UpdateFormat.readBytes(in, "master name", Limits.NAME_BYTES_MAX);
            if (name.length() == 0) {
                throw new MalformedPayloadException("master name is empty");
            }
            return new MasterValue(new NodeId(name.toUtf8()), in.readLong());
        }
        if (tag != CLIENT_VALUE_TAG) {
            throw new MalformedPayloadException("value tag " + tag + " unknown");
        }
        boolean synced = in.readBoolean();
        int count = in.readInt();
        int countMax = io.rarakoon.paxos.Limits.UPDATES_PER_VALUE_MAX;
        if (count < 0 || count > countMax) {
            throw new MalformedPayloadException(
                    "update count " + count + " outside 0..UPDATES_PER_VALUE_MAX " + countMax);
        }
        List<ByteString> updates = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Bytes update =
                    UpdateFormat.readBytes(
                            in, "update length", io.rarakoon.paxos.Limits.UPDATE_BYTES_MAX);
            updates.add(ByteString.copyOf(update.toByteArray()));
        }
        return new ClientValue(updates, synced);
    }

    private static void requireEnd(DataInputStream in, String what) throws IOException {
        int trailing = in.available();
        if (trailing != 0) {
            throw new MalformedPayloadException(what + " has " + trailing + " trailing bytes");
        }
    }

    /** Writes into a byte array; I/O on a byte array cannot fail. */
    private static byte[] write(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing a byte array cannot fail", e);
        }
        return bytes.toByteArray();
    }

    @FunctionalInterface
    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    /** Optional bytes: a presence flag, then the bytes. */
    static Optional<Bytes> readOption(DataInputStream in, String field) throws IOException {
        return in.readBoolean()
                ? Optional.of(UpdateFormat.readBytes(in, field, kvFieldBytesMax()))
                : Optional.empty();
    }

    static int kvFieldBytesMax() {
        return io.rarakoon.kv.Limits.FIELD_BYTES_MAX;
    }
}
