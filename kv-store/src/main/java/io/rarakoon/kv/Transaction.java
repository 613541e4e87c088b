package io.rarakoon.kv;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The transaction of one top-level update: changes go straight into {@link StoreData} and are
 * recorded in an undo log, so reads inside the update (sequences, user functions) see earlier
 * writes at no cost and a failure restores the previous state exactly. Also the view handed to user
 * functions. Single use, not thread-safe.
 */
final class Transaction implements TransactionView {

    /** One recorded change: how to put back what was there before. */
    private sealed interface Undo {}

    private record UserUndo(byte[] key, byte[] oldValue) implements Undo {}

    private record AdminUndo(Bytes key, Bytes oldValue) implements Undo {}

    private record MasterUndo(String oldMaster) implements Undo {}

    private final StoreData data;
    private final int valueBytesMax;
    private final List<Undo> undoLog = new ArrayList<>();
    private boolean open = true;

    Transaction(StoreData data, int valueBytesMax) {
        this.data = data;
        this.valueBytesMax = valueBytesMax;
    }

    /** Fails the update (Arakoon: UNKNOWN_FAILURE) unless {@code value} is under the limit. */
    void requireValueFits(Bytes value) {
        if (value.length() >= valueBytesMax) {
            throw new UpdateFailedException(ResultCode.UNKNOWN_FAILURE, "value too large");
        }
    }

    /** Fails the update unless {@code key} fits in a snapshot field. */
    void requireKeyFits(Bytes key) {
        if (key.length() > Limits.FIELD_BYTES_MAX) {
            throw new UpdateFailedException(
                    ResultCode.UNKNOWN_FAILURE,
                    "key length "
                            + key.length()
                            + " exceeds FIELD_BYTES_MAX "
                            + Limits.FIELD_BYTES_MAX);
        }
    }

    LeafMap userMap() {
        requireOpen();
        return data.user;
    }

    /** Writes (value non-null) or deletes (null) a user key; returns the old value or null. */
    byte[] putUser(Bytes key, Bytes value) {
        requireOpen();
        requireKeyFits(key);
        byte[] old =
                value == null
                        ? data.user.remove(key.array())
                        : data.user.put(key.array(), value.array());
        if (old != null || value != null) {
            undoLog.add(new UserUndo(key.array(), old));
        }
        return old;
    }

    /** Writes (value non-null) or deletes (null) an admin key. */
    void putAdmin(Bytes key, Bytes value) {
        requireOpen();
        requireKeyFits(key);
        Bytes old = value == null ? data.admin.remove(key) : data.admin.put(key, value);
        undoLog.add(new AdminUndo(key, old));
    }

    void setMaster(String master) {
        requireOpen();
        undoLog.add(new MasterUndo(data.master));
        data.master = master;
    }

    /** Keeps every change; the transaction is closed afterwards. */
    void commit() {
        requireOpen();
        undoLog.clear();
        open = false;
    }

    /** Undoes every change, newest first; the transaction is closed afterwards. */
    void rollback() {
        requireOpen();
        for (int i = undoLog.size() - 1; i >= 0; i--) {
            Undo undo = undoLog.get(i);
            if (undo instanceof UserUndo u) {
                if (u.oldValue() == null) {
                    data.user.remove(u.key());
                } else {
                    data.user.put(u.key(), u.oldValue());
                }
            } else if (undo instanceof AdminUndo a) {
                if (a.oldValue() == null) {
                    data.admin.remove(a.key());
                } else {
                    data.admin.put(a.key(), a.oldValue());
                }
            } else if (undo instanceof MasterUndo m) {
                data.master = m.oldMaster();
            }
        }
        undoLog.clear();
        open = false;
    }

    @Override
    public Optional<Bytes> get(Bytes key) {
        requireOpen();
        byte[] value = data.user.get(key.array());
        return value == null ? Optional.empty() : Optional.of(Bytes.wrap(value));
    }

    @Override
    public boolean exists(Bytes key) {
        requireOpen();
        return data.user.get(key.array()) != null;
    }

    @Override
    public void put(Bytes key, Optional<Bytes> value) {
        value.ifPresent(this::requireValueFits);
        putUser(key, value.orElse(null));
    }

    @Override
    public List<KeyValue> rangeEntries(
            Optional<Bytes> first,
            boolean firstInclusive,
            Optional<Bytes> last,
            boolean lastInclusive,
            int max) {
        return RangeReader.entries(userMap(), first, firstInclusive, last, lastInclusive, max);
    }

    private void requireOpen() {
        if (!open) {
            throw new IllegalStateException("transaction view used after its update ended");
        }
    }
}
