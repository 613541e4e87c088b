package io.rarakoon.client.protocol;

/** Encodes the prologue and requests (spec §3, §4, §7). Stateless and thread-safe. */
public final class RequestEncoder {
    /** The only protocol version Arakoon 1.8 accepts. */
    public static final int PROTOCOL_VERSION = 1;

    private RequestEncoder() {}

    /** Returns the prologue a client sends once, right after connecting. */
    public static byte[] encodePrologue(ByteString clusterId) {
        return new WireWriter()
                .i32(Command.MAGIC)
                .i32(PROTOCOL_VERSION)
                .string(clusterId)
                .toByteArray();
    }

    /** Returns the command word and payload of {@code request}. */
    public static byte[] encode(Request request) {
        WireWriter w = new WireWriter().i32(request.command().word());
        if (!writeReadPayload(w, request) && !writeWritePayload(w, request)) {
            writeAdminPayload(w, request);
        }
        return w.toByteArray();
    }

    private static boolean writeReadPayload(WireWriter w, Request request) {
        if (request instanceof Request.Exists q) {
            w.consistency(q.consistency()).string(q.key());
        } else if (request instanceof Request.Get q) {
            w.consistency(q.consistency()).string(q.key());
        } else if (request instanceof Request.AssertExists q) {
            w.consistency(q.consistency()).string(q.key());
        } else if (request instanceof Request.UserHook q) {
            w.consistency(q.consistency()).string(q.name());
        } else if (request instanceof Request.Assert q) {
            w.consistency(q.consistency()).string(q.key()).option(q.expected());
        } else if (request instanceof Request.Range q) {
            writeRange(w.consistency(q.consistency()), q.query());
        } else if (request instanceof Request.RangeEntries q) {
            writeRange(w.consistency(q.consistency()), q.query());
        } else if (request instanceof Request.RevRangeEntries q) {
            writeRange(w.consistency(q.consistency()), q.query());
        } else if (request instanceof Request.PrefixKeys q) {
            w.consistency(q.consistency()).string(q.prefix()).i32(q.max());
        } else if (request instanceof Request.MultiGet q) {
            StructureCodec.writeStrings(w.consistency(q.consistency()), q.keys());
        } else if (request instanceof Request.MultiGetOption q) {
            StructureCodec.writeStrings(w.consistency(q.consistency()), q.keys());
        } else if (request instanceof Request.GetFringe q) {
            w.option(q.boundary()).i32(q.direction());
        } else {
            return false;
        }
        return true;
    }

    private static boolean writeWritePayload(WireWriter w, Request request) {
        if (request instanceof Request.Set q) {
            w.string(q.key()).string(q.value());
        } else if (request instanceof Request.Confirm q) {
            w.string(q.key()).string(q.value());
        } else if (request instanceof Request.Delete q) {
            w.string(q.key());
        } else if (request instanceof Request.DeletePrefix q) {
            w.string(q.prefix());
        } else if (request instanceof Request.TestAndSet q) {
            w.string(q.key()).option(q.expected()).option(q.wanted());
        } else if (request instanceof Request.Replace q) {
            w.string(q.key()).option(q.wanted());
        } else if (request instanceof Request.UserFunction q) {
            w.string(q.name()).option(q.argument());
        } else if (request instanceof Request.Sequence q) {
            UpdateCodec.writeSequenceBlob(w, q.steps());
        } else if (request instanceof Request.SyncedSequence q) {
            UpdateCodec.writeSequenceBlob(w, q.steps());
        } else if (request instanceof Request.MigrateRange q) {
            StructureCodec.writeInterval(w, q.interval());
            UpdateCodec.writeSequenceBlob(w, q.steps());
        } else {
            return false;
        }
        return true;
    }

    private static void writeAdminPayload(WireWriter w, Request request) {
        if (request instanceof Request.Ping q) {
            w.string(q.clientId()).string(q.clusterId());
        } else if (request instanceof Request.CollapseTlogs q) {
            w.i32(q.tlogsToKeep());
        } else if (request instanceof Request.CopyDbToHead q) {
            w.i32(q.tlogsToKeep());
        } else if (request instanceof Request.LastEntries q) {
            w.i64(q.startIndex());
        } else if (request instanceof Request.LastEntries2 q) {
            w.i64(q.startIndex());
        } else if (request instanceof Request.LastEntries3 q) {
            w.i64(q.startIndex());
        } else if (request instanceof Request.SetInterval q) {
            StructureCodec.writeInterval(w, q.interval());
        } else if (request instanceof Request.SetRouting q) {
            int mark = w.beginBlob();
            StructureCodec.writeRouting(w, q.routing());
            w.endBlob(mark);
        } else if (request instanceof Request.SetRoutingDelta q) {
            w.string(q.left()).string(q.separator()).string(q.right());
        } else if (request instanceof Request.SetNurseryConfig q) {
            w.string(q.clusterId());
            StructureCodec.writeNodes(w, q.nodes());
        }
        // Every other command has an empty payload.
    }

    private static void writeRange(WireWriter w, RangeQuery query) {
        w.option(query.first()).bool(query.firstInclusive());
        w.option(query.last()).bool(query.lastInclusive()).i32(query.max());
    }
}
