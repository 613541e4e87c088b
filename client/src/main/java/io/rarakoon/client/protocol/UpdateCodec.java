package io.rarakoon.client.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The update encoding inside sequence blobs (spec §8, Arakoon's update.ml). */
final class UpdateCodec {
    private static final int SEQUENCE_TAG = 5;
    private static final int RANGE_ASSERTION_CONTAINS_EXACTLY = 1;

    private UpdateCodec() {}

    /** Writes a sequence blob: a string holding a tag-5 update with {@code steps}. */
    static void writeSequenceBlob(WireWriter w, List<Update> steps) {
        int mark = w.beginBlob();
        write(w, new Update.Sequence(steps));
        w.endBlob(mark);
    }

    /**
     * Reads a sequence blob. The top-level update must be a Sequence; bytes after it are ignored,
     * as Arakoon does.
     */
    static List<Update> readSequenceBlob(WireReader r) throws WireException {
        WireReader blob = r.readBlob("sequence");
        Update top = read(blob, 0);
        if (top instanceof Update.Sequence sequence) {
            return sequence.steps();
        }
        throw new WireException.Malformed(
                new DecodeError(
                        DecodeError.Kind.NOT_A_SEQUENCE,
                        "sequence blob holds update tag "
                                + top.tag()
                                + ", not a Sequence (tag 5)"));
    }

    static void write(WireWriter w, Update update) {
        w.i32(update.tag());
        if (update instanceof Update.Set u) {
            w.string(u.key()).string(u.value());
        } else if (update instanceof Update.Delete u) {
            w.string(u.key());
        } else if (update instanceof Update.TestAndSet u) {
            w.string(u.key()).option(u.expected()).option(u.wanted());
        } else if (update instanceof Update.MasterSet u) {
            w.string(u.nodeName()).i64(u.leaseStart());
        } else if (update instanceof Update.Sequence u) {
            writeSteps(w, u.steps());
        } else if (update instanceof Update.UserFunction u) {
            w.string(u.name()).option(u.argument());
        } else if (update instanceof Update.Assert u) {
            w.string(u.key()).option(u.expected());
        } else if (update instanceof Update.AdminSet u) {
            w.string(u.key()).option(u.value());
        } else if (update instanceof Update.SetInterval u) {
            StructureCodec.writeInterval(w, u.interval());
        } else if (update instanceof Update.SetRouting u) {
            StructureCodec.writeRouting(w, u.routing());
        } else {
            writeRest(w, update);
        }
    }

    private static void writeRest(WireWriter w, Update update) {
        if (update instanceof Update.SetRoutingDelta u) {
            w.string(u.left()).string(u.separator()).string(u.right());
        } else if (update instanceof Update.SyncedSequence u) {
            writeSteps(w, u.steps());
        } else if (update instanceof Update.DeletePrefix u) {
            w.string(u.prefix());
        } else if (update instanceof Update.AssertExists u) {
            w.string(u.key());
        } else if (update instanceof Update.Replace u) {
            w.string(u.key()).option(u.wanted());
        } else if (update instanceof Update.AssertRange u) {
            List<ByteString> descending = new ArrayList<>(u.keys());
            Collections.reverse(descending);
            w.string(u.prefix()).i32(RANGE_ASSERTION_CONTAINS_EXACTLY);
            StructureCodec.writeStrings(w, descending);
        }
        // Nop (tag 6) has no fields.
    }

    private static void writeSteps(WireWriter w, List<Update> steps) {
        w.i32(steps.size());
        for (Update step : steps) {
            write(w, step);
        }
    }

    static Update read(WireReader r, int depth) throws WireException {
        WireReader.checkDepth(depth, "update");
        int tag = r.readI32("update tag");
        return switch (tag) {
            case 1 -> new Update.Set(r.readString("set key"), r.readString("set value"));
            case 2 -> new Update.Delete(r.readString("delete key"));
            case 3 ->
                    new Update.TestAndSet(
                            r.readString("test_and_set key"),
                            r.readOption("test_and_set expected"),
                            r.readOption("test_and_set wanted"));
            case 4 ->
                    new Update.MasterSet(
                            r.readString("master_set node"), r.readI64("master_set lease"));
            case SEQUENCE_TAG -> new Update.Sequence(readSteps(r, depth));
            case 6 -> new Update.Nop();
            case 7 ->
                    new Update.UserFunction(
                            r.readString("user_function name"),
                            r.readOption("user_function argument"));
            case 8 -> new Update.Assert(r.readString("assert key"), r.readOption("assert value"));
            case 9 ->
                    new Update.AdminSet(
                            r.readString("admin_set key"), r.readOption("admin_set value"));
            case 10 -> new Update.SetInterval(StructureCodec.readInterval(r));
            case 11 -> new Update.SetRouting(StructureCodec.readRouting(r, depth + 1));
            default -> readRest(r, tag, depth);
        };
    }

    private static Update readRest(WireReader r, int tag, int depth) throws WireException {
        return switch (tag) {
            case 12 ->
                    new Update.SetRoutingDelta(
                            r.readString("routing_delta left"),
                            r.readString("routing_delta separator"),
                            r.readString("routing_delta right"));
            case 13 -> new Update.SyncedSequence(readSteps(r, depth));
            case 14 -> new Update.DeletePrefix(r.readString("delete_prefix prefix"));
            case 15 -> new Update.AssertExists(r.readString("assert_exists key"));
            case 16 ->
                    new Update.Replace(r.readString("replace key"), r.readOption("replace wanted"));
            case 17 -> readAssertRange(r);
            default -> throw WireReader.malformed("update tag " + tag + " is not 1..17");
        };
    }

    private static Update readAssertRange(WireReader r) throws WireException {
        ByteString prefix = r.readString("assert_range prefix");
        int kind = r.readI32("assert_range kind");
        if (kind != RANGE_ASSERTION_CONTAINS_EXACTLY) {
            throw WireReader.malformed("assert_range kind " + kind + " is not 1");
        }
        List<ByteString> keys = StructureCodec.readStrings(r, "assert_range keys");
        Collections.reverse(keys);
        return new Update.AssertRange(prefix, keys);
    }

    private static List<Update> readSteps(WireReader r, int depth) throws WireException {
        int count = r.readCount("sequence steps");
        List<Update> steps = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            steps.add(read(r, depth + 1));
        }
        return steps;
    }
}
