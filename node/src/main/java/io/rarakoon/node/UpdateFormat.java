package io.rarakoon.node;

import io.rarakoon.kv.Bytes;
import io.rarakoon.kv.Update;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The interim byte layout of one kv-store {@link Update} (part of {@link ValueCodec}): the update's
 * Arakoon tag as an int32, then its fields in record order; bytes as int32 length + bytes, options
 * as a flag + bytes, lists as int32 count + items. Replaced with {@link ValueCodec} when wire-codec
 * owns the encoding.
 */
final class UpdateFormat {

    private UpdateFormat() {}

    static void write(DataOutputStream out, Update update) throws IOException {
        out.writeInt(update.tag());
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
            bytes(out, Bytes.utf8(u.master()));
        } else if (update instanceof Update.Sequence u) {
            updates(out, u.updates());
        } else if (update instanceof Update.SyncedSequence u) {
            updates(out, u.updates());
        } else if (update instanceof Update.UserFunction u) {
            bytes(out, Bytes.utf8(u.name()));
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

    private static void writeRest(DataOutputStream out, Update update) throws IOException {
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
            out.writeInt(u.containsExactly().size());
            for (Bytes key : u.containsExactly()) {
                bytes(out, key);
            }
        } else if (!(update instanceof Update.Nop)) {
            throw new AssertionError("unhandled " + update);
        }
    }

    static Update read(DataInputStream in, int depth) throws IOException {
        if (depth > Limits.UPDATE_NESTING_DEPTH_MAX) {
            throw new MalformedPayloadException(
                    "update nesting depth "
                            + depth
                            + " exceeds UPDATE_NESTING_DEPTH_MAX "
                            + Limits.UPDATE_NESTING_DEPTH_MAX);
        }
        int tag = in.readInt();
        return switch (tag) {
            case 1 -> new Update.Set(key(in), value(in));
            case 2 -> new Update.Delete(key(in));
            case 3 -> new Update.TestAndSet(key(in), option(in), option(in));
            case 4 -> new Update.MasterSet(text(in, "master name"));
            case 5 -> new Update.Sequence(updates(in, depth));
            case 6 -> new Update.Nop();
            case 7 -> new Update.UserFunction(text(in, "function name"), option(in));
            case 8 -> new Update.Assert(key(in), option(in));
            case 9 -> new Update.AdminSet(key(in), option(in));
            case 10 -> new Update.SetInterval(value(in));
            case 11 -> new Update.SetRouting(value(in));
            case 12 -> new Update.SetRoutingDelta(value(in));
            case 13 -> new Update.SyncedSequence(updates(in, depth));
            case 14 -> new Update.DeletePrefix(key(in));
            case 15 -> new Update.AssertExists(key(in));
            case 16 -> new Update.Replace(key(in), option(in));
            case 17 -> new Update.AssertRange(key(in), keys(in));
            default -> throw new MalformedPayloadException("update tag " + tag + " unknown");
        };
    }

    static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static Bytes readBytes(DataInputStream in, String field, int bytesMax) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > bytesMax) {
            throw new MalformedPayloadException(field + " " + length + " outside 0.." + bytesMax);
        }
        if (length > in.available()) {
            throw new MalformedPayloadException(
                    field + " " + length + " exceeds the " + in.available() + " bytes left");
        }
        return Bytes.copyOf(in.readNBytes(length));
    }

    private static void bytes(DataOutputStream out, Bytes bytes) throws IOException {
        writeBytes(out, bytes.toByteArray());
    }

    private static void option(DataOutputStream out, Optional<Bytes> value) throws IOException {
        out.writeBoolean(value.isPresent());
        if (value.isPresent()) {
            bytes(out, value.get());
        }
    }

    private static void updates(DataOutputStream out, List<Update> updates) throws IOException {
        out.writeInt(updates.size());
        for (Update update : updates) {
            write(out, update);
        }
    }

    private static Bytes key(DataInputStream in) throws IOException {
        return readBytes(in, "key length", ValueCodec.kvFieldBytesMax());
    }

    private static Bytes value(DataInputStream in) throws IOException {
        return readBytes(in, "value length", ValueCodec.kvFieldBytesMax());
    }

    private static Optional<Bytes> option(DataInputStream in) throws IOException {
        return ValueCodec.readOption(in, "option length");
    }

    private static String text(DataInputStream in, String field) throws IOException {
        return readBytes(in, field + " length", Limits.NAME_BYTES_MAX).toUtf8();
    }

    private static int count(DataInputStream in, String field) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > Limits.UPDATE_LIST_COUNT_MAX) {
            throw new MalformedPayloadException(
                    field
                            + " "
                            + count
                            + " outside 0..UPDATE_LIST_COUNT_MAX "
                            + Limits.UPDATE_LIST_COUNT_MAX);
        }
        return count;
    }

    private static List<Update> updates(DataInputStream in, int depth) throws IOException {
        int count = count(in, "sequence count");
        List<Update> updates = new ArrayList<>(Math.min(count, in.available()));
        for (int i = 0; i < count; i++) {
            updates.add(read(in, depth + 1));
        }
        return updates;
    }

    private static List<Bytes> keys(DataInputStream in) throws IOException {
        int count = count(in, "assert_range key count");
        List<Bytes> keys = new ArrayList<>(Math.min(count, in.available()));
        for (int i = 0; i < count; i++) {
            keys.add(key(in));
        }
        return keys;
    }
}
