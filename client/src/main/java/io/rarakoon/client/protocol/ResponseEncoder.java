package io.rarakoon.client.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Encodes responses, applying each command's wire order (spec §2.5, §5, §7). Stateless and
 * thread-safe.
 */
public final class ResponseEncoder {
    private static final ByteString TOO_MANY_CLIENTS = ByteString.utf8("too many clients");
    private static final ByteString CLOSING_SOCKET = ByteString.utf8("closing socket");

    private ResponseEncoder() {}

    /**
     * Returns the bytes answering {@code request}.
     *
     * @throws IllegalArgumentException if {@code response} is a success record that does not fit
     *     the command's {@link Command.Shape}, or an INT32 count out of range
     */
    public static byte[] encode(Request request, Response response) {
        if (response instanceof Response.Failure failure) {
            return encodeFailure(failure);
        }
        Command.Shape shape = request.command().shape();
        WireWriter w = new WireWriter();
        if (shape != Command.Shape.HOOK) {
            w.i32(ResultCode.OK.wireValue());
        }
        if (!writeSimple(w, shape, response) && !writeStructured(w, shape, response)) {
            throw new IllegalArgumentException(
                    response + " does not fit " + request.command() + " (shape " + shape + ")");
        }
        return w.toByteArray();
    }

    /** Returns a failure frame: rc and message, or the bare rc for NO_MAGIC. */
    public static byte[] encodeFailure(Response.Failure failure) {
        if (failure.code() == ResultCode.OK) {
            throw new IllegalArgumentException("a failure needs a non-OK result code");
        }
        WireWriter w = new WireWriter().i32(failure.code().wireValue());
        if (failure.code() != ResultCode.NO_MAGIC) {
            w.string(failure.message());
        }
        return w.toByteArray();
    }

    /** Returns one COLLAPSE_TLOGS progress frame: rc 0 and an i64 that clients only log. */
    public static byte[] encodeCollapseProgress(long value) {
        return new WireWriter().i32(ResultCode.OK.wireValue()).i64(value).toByteArray();
    }

    /** Returns the accept-time frame for an exhausted connection budget (spec §5.4). */
    public static byte[] encodeTooManyClients() {
        return encodeFailure(new Response.Failure(ResultCode.MAX_CONNECTIONS, TOO_MANY_CLIENTS));
    }

    /** Returns the accept-time frame of a node that is stopping (spec §5.4). */
    public static byte[] encodeClosingSocket() {
        return encodeFailure(new Response.Failure(ResultCode.GOING_DOWN, CLOSING_SOCKET));
    }

    private static boolean writeSimple(WireWriter w, Command.Shape shape, Response response) {
        if (shape == Command.Shape.EMPTY && response instanceof Response.Done) {
            return true;
        } else if (shape == Command.Shape.STRING && response instanceof Response.Text r) {
            w.string(r.value());
        } else if (shape == Command.Shape.OPTIONAL_STRING
                && response instanceof Response.MaybeText r) {
            w.option(r.value());
        } else if (shape == Command.Shape.BOOL && response instanceof Response.Flag r) {
            w.bool(r.value());
        } else if (shape == Command.Shape.INT32 && response instanceof Response.Count r) {
            w.i32(Math.toIntExact(checkInt(r.value())));
        } else if (shape == Command.Shape.INT64 && response instanceof Response.Count r) {
            w.i64(r.value());
        } else if (shape == Command.Shape.TXID && response instanceof Response.Txid r) {
            w.consistency(Consistency.atLeast(r.stamp()));
        } else if (shape == Command.Shape.VERSION && response instanceof Response.Version r) {
            w.i32(r.major()).i32(r.minor()).i32(r.patch()).string(r.info());
        } else if (shape == Command.Shape.DB_STREAM && response instanceof Response.DbHeader r) {
            w.i64(r.lengthBytes());
        } else if (shape == Command.Shape.COLLAPSE
                && response instanceof Response.CollapseStarted r) {
            w.i32(r.frameCount());
        } else {
            return (shape == Command.Shape.STREAM && response instanceof Response.StreamStarted)
                    || (shape == Command.Shape.HOOK && response instanceof Response.HookStarted);
        }
        return true;
    }

    private static long checkInt(long value) {
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("count " + value + " does not fit an i32");
        }
        return value;
    }

    private static boolean writeStructured(WireWriter w, Command.Shape shape, Response response) {
        if (shape == Command.Shape.STRING_LIST && response instanceof Response.Texts r) {
            StructureCodec.writeStrings(w, reversed(r.values()));
        } else if (shape == Command.Shape.ENTRY_LIST && response instanceof Response.Entries r) {
            List<Entry> entries = reversed(r.entries());
            w.i32(entries.size());
            for (Entry entry : entries) {
                w.string(entry.key()).string(entry.value());
            }
        } else if (shape == Command.Shape.OPTIONAL_LIST
                && response instanceof Response.MaybeTexts r) {
            w.i32(r.values().size());
            for (Optional<ByteString> value : r.values()) {
                w.option(value);
            }
        } else if (shape == Command.Shape.STATISTICS && response instanceof Response.Statistics r) {
            int mark = w.beginBlob();
            StructureCodec.writeNamedValue(w, r.statistics());
            w.endBlob(mark);
        } else if (shape == Command.Shape.INTERVAL
                && response instanceof Response.IntervalValue r) {
            StructureCodec.writeInterval(w, r.interval());
        } else if (shape == Command.Shape.ROUTING && response instanceof Response.Routing r) {
            int mark = w.beginBlob();
            StructureCodec.writeRouting(w, r.routing());
            w.endBlob(mark);
        } else if (shape == Command.Shape.NURSERY_CONFIG
                && response instanceof Response.NurseryConfig r) {
            int mark = w.beginBlob();
            StructureCodec.writeNursery(w, r);
            w.endBlob(mark);
        } else {
            return false;
        }
        return true;
    }

    /**
     * Every STRING_LIST and ENTRY_LIST response goes out in the reverse of its logical order:
     * RANGE, RANGE_ENTRIES, PREFIX_KEYS descending, REV_RANGE_ENTRIES ascending, MULTI_GET against
     * the request's key order, GET_FRINGE against the walk (spec §2.5).
     */
    static <T> List<T> reversed(List<T> logical) {
        List<T> wire = new ArrayList<>(logical);
        Collections.reverse(wire);
        return wire;
    }
}
