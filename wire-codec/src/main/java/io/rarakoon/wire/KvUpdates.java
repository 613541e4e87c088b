package io.rarakoon.wire;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.rarakoon.kv.Bytes;
import io.rarakoon.kv.Update;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The layouts of kv-store updates (server semantics §2.3), the opaque updates inside a client
 * value. A top-level update is a frame whose tag names its kind; its body is the record's fields in
 * order: bytes as a varint length plus bytes, an option as a present flag plus bytes, a name as a
 * string, a list as a varint count plus items. An update nested in a Sequence or SyncedSequence is
 * Arakoon's int32 kind tag followed by its body, nested at most {@link
 * Limits#UPDATE_NESTING_DEPTH_MAX} deep. Values are not checked against the store's value limit
 * here: the store turns a too-large value into a failed result.
 */
final class KvUpdates {

    /** One update kind: its record class and Arakoon's tag. */
    record Kind<T extends Update>(Class<T> type, int tag) {}

    /** Every kind, in Arakoon's tag order; the registration list follows this order. */
    static final List<Kind<?>> KINDS =
            List.of(
                    new Kind<>(Update.Set.class, 1),
                    new Kind<>(Update.Delete.class, 2),
                    new Kind<>(Update.TestAndSet.class, 3),
                    new Kind<>(Update.MasterSet.class, 4),
                    new Kind<>(Update.Sequence.class, 5),
                    new Kind<>(Update.Nop.class, 6),
                    new Kind<>(Update.UserFunction.class, 7),
                    new Kind<>(Update.Assert.class, 8),
                    new Kind<>(Update.AdminSet.class, 9),
                    new Kind<>(Update.SetInterval.class, 10),
                    new Kind<>(Update.SetRouting.class, 11),
                    new Kind<>(Update.SetRoutingDelta.class, 12),
                    new Kind<>(Update.SyncedSequence.class, 13),
                    new Kind<>(Update.DeletePrefix.class, 14),
                    new Kind<>(Update.AssertExists.class, 15),
                    new Kind<>(Update.Replace.class, 16),
                    new Kind<>(Update.AssertRange.class, 17));

    private KvUpdates() {}

    /** The serializer of one kind's top-level frames. */
    static final class UpdateSerializer<T extends Update> extends Serializer<T> {
        private final Kind<T> kind;

        UpdateSerializer(Kind<T> kind) {
            this.kind = kind;
        }

        @Override
        public void write(Kryo kryo, Output output, T update) {
            writeBody(output, update);
        }

        @Override
        public T read(Kryo kryo, Input input, Class<? extends T> type) {
            return kind.type().cast(readBody(input, kind.tag(), 0));
        }
    }

    static void writeBody(Output out, Update update) {
        if (update instanceof Update.Set u) {
            bytes(out, u.key());
            bytes(out, u.value());
        } else if (update instanceof Update.Delete u) {
            bytes(out, u.key());
        } else if (update instanceof Update.TestAndSet u) {
            bytes(out, u.key());
            option(out, u.expected());
            option(out, u.wanted());
        } else if (update instanceof Update.MasterSet u) {
            Fields.writeString(out, u.master());
        } else if (update instanceof Update.Sequence u) {
            nested(out, u.updates());
        } else if (update instanceof Update.SyncedSequence u) {
            nested(out, u.updates());
        } else if (update instanceof Update.UserFunction u) {
            Fields.writeString(out, u.name());
            option(out, u.argument());
        } else if (update instanceof Update.Assert u) {
            bytes(out, u.key());
            option(out, u.expected());
        } else if (update instanceof Update.AdminSet u) {
            bytes(out, u.key());
            option(out, u.value());
        } else {
            writeRest(out, update);
        }
    }

    private static void writeRest(Output out, Update update) {
        if (update instanceof Update.SetInterval u) {
            bytes(out, u.interval());
        } else if (update instanceof Update.SetRouting u) {
            bytes(out, u.routing());
        } else if (update instanceof Update.SetRoutingDelta u) {
            bytes(out, u.delta());
        } else if (update instanceof Update.DeletePrefix u) {
            bytes(out, u.prefix());
        } else if (update instanceof Update.AssertExists u) {
            bytes(out, u.key());
        } else if (update instanceof Update.Replace u) {
            bytes(out, u.key());
            option(out, u.wanted());
        } else if (update instanceof Update.AssertRange u) {
            bytes(out, u.prefix());
            out.writeVarInt(u.containsExactly().size(), true);
            u.containsExactly().forEach(key -> bytes(out, key));
        } else if (!(update instanceof Update.Nop)) {
            throw new AssertionError("unhandled update " + update);
        }
    }

    static Update readBody(Input in, int tag, int depth) {
        return switch (tag) {
            case 1 -> new Update.Set(bytes(in, "key"), bytes(in, "value"));
            case 2 -> new Update.Delete(bytes(in, "key"));
            case 3 ->
                    new Update.TestAndSet(
                            bytes(in, "key"), option(in, "expected"), option(in, "wanted"));
            case 4 -> new Update.MasterSet(name(in, "master"));
            case 5 -> new Update.Sequence(nested(in, depth));
            case 6 -> new Update.Nop();
            case 7 -> new Update.UserFunction(name(in, "function"), option(in, "argument"));
            case 8 -> new Update.Assert(bytes(in, "key"), option(in, "expected"));
            case 9 -> new Update.AdminSet(bytes(in, "key"), option(in, "value"));
            case 10 -> new Update.SetInterval(bytes(in, "interval"));
            case 11 -> new Update.SetRouting(bytes(in, "routing"));
            case 12 -> new Update.SetRoutingDelta(bytes(in, "delta"));
            case 13 -> new Update.SyncedSequence(nested(in, depth));
            case 14 -> new Update.DeletePrefix(bytes(in, "prefix"));
            case 15 -> new Update.AssertExists(bytes(in, "key"));
            case 16 -> new Update.Replace(bytes(in, "key"), option(in, "wanted"));
            case 17 -> new Update.AssertRange(bytes(in, "prefix"), keys(in));
            default -> throw new BadFieldException("update kind " + tag + " unknown");
        };
    }

    private static void bytes(Output out, Bytes bytes) {
        Fields.writeBytes(out, bytes.length(), bytes::writeTo);
    }

    private static void option(Output out, Optional<Bytes> value) {
        out.writeBoolean(value.isPresent());
        value.ifPresent(v -> bytes(out, v));
    }

    private static void nested(Output out, List<Update> updates) {
        out.writeVarInt(updates.size(), true);
        for (Update update : updates) {
            out.writeInt(update.tag());
            writeBody(out, update);
        }
    }

    private static Bytes bytes(Input in, String field) {
        return Fields.readBytes(in, field, Limits.FRAME_BYTES_MAX, Bytes::copyOf);
    }

    private static Optional<Bytes> option(Input in, String field) {
        boolean present = Fields.readBoolean(in, field + " present");
        return present ? Optional.of(bytes(in, field)) : Optional.empty();
    }

    private static String name(Input in, String field) {
        return Fields.readString(in, field, Limits.NODE_NAME_BYTES_MAX);
    }

    private static List<Update> nested(Input in, int depth) {
        if (depth >= Limits.UPDATE_NESTING_DEPTH_MAX) {
            throw new BadFieldException(
                    "update nesting depth "
                            + (depth + 1)
                            + " exceeds UPDATE_NESTING_DEPTH_MAX "
                            + Limits.UPDATE_NESTING_DEPTH_MAX);
        }
        int count = Fields.readCount(in, "sequence count", Limits.UPDATE_LIST_COUNT_MAX);
        List<Update> updates = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            updates.add(readBody(in, Fields.readInt(in, "nested update kind"), depth + 1));
        }
        return updates;
    }

    private static List<Bytes> keys(Input in) {
        int count = Fields.readCount(in, "assert_range key count", Limits.UPDATE_LIST_COUNT_MAX);
        List<Bytes> keys = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            keys.add(bytes(in, "assert_range key"));
        }
        return keys;
    }
}
