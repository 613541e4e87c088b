package io.rarakoon.wal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.TreeMap;

/**
 * A stand-in for the store in collapse tests: its state is the map index -> last payload, so a head
 * built by the collapser can be compared with the log it folded.
 */
class FakeHead implements HeadBuilder {
    final TreeMap<Long, byte[]> state = new TreeMap<>();
    boolean loaded;

    @Override
    public void load(InputStream previousHead) throws IOException {
        loaded = true;
        state.putAll(read(previousHead));
    }

    @Override
    public void apply(long index, byte[] payload) throws IOException {
        if (!state.isEmpty() && index <= state.lastKey()) {
            throw new AssertionError("applied " + index + " after " + state.lastKey());
        }
        state.put(index, payload);
    }

    @Override
    public void write(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(state.size());
        for (Map.Entry<Long, byte[]> entry : state.entrySet()) {
            data.writeLong(entry.getKey());
            data.writeInt(entry.getValue().length);
            data.write(entry.getValue());
        }
        data.flush();
    }

    static TreeMap<Long, byte[]> read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        TreeMap<Long, byte[]> result = new TreeMap<>();
        int count = data.readInt();
        for (int i = 0; i < count; i++) {
            long index = data.readLong();
            byte[] payload = new byte[data.readInt()];
            data.readFully(payload);
            result.put(index, payload);
        }
        return result;
    }

    /** The head's map, or an empty map when the log has no head. */
    static TreeMap<Long, byte[]> headOf(Wal wal) throws IOException {
        if (wal.headIndex() == Wal.NO_INDEX) {
            return new TreeMap<>();
        }
        try (InputStream in = wal.openHead()) {
            TreeMap<Long, byte[]> head = read(in);
            in.transferTo(OutputStream.nullOutputStream());
            return head;
        }
    }

    /** The state a node would rebuild: the head, then the log's entries after the head. */
    static TreeMap<Long, String> rebuiltState(Wal wal) throws IOException {
        TreeMap<Long, String> state = new TreeMap<>();
        for (Map.Entry<Long, byte[]> entry : headOf(wal).entrySet()) {
            state.put(
                    entry.getKey(),
                    new String(entry.getValue(), java.nio.charset.StandardCharsets.UTF_8));
        }
        try (EntryCursor cursor = wal.entries(wal.headIndex() + 1)) {
            for (var entry = cursor.next(); entry.isPresent(); entry = cursor.next()) {
                state.put(
                        entry.get().index(),
                        new String(entry.get().payload(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return state;
    }
}
