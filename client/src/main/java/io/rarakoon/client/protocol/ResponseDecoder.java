package io.rarakoon.client.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Decodes responses from buffered bytes; the payload's shape depends on the request answered.
 * Stateless and thread-safe: a caller that gets {@link DecodeStep.NeedMoreBytes} reads more and
 * calls again with all bytes of the response so far.
 */
public final class ResponseDecoder {
    private ResponseDecoder() {}

    /**
     * Decodes the response to {@code request} from {@code length} bytes at {@code offset}.
     *
     * <p>For GET_DB, COLLAPSE_TLOGS and the catch-up streams only the first frame is decoded;
     * USER_HOOK decodes to {@link Response.HookStarted} without consuming anything, because the
     * hook writes its own bytes.
     */
    public static DecodeStep<Response> decode(
            Request request, byte[] buffer, int offset, int length) {
        if (request.command().shape() == Command.Shape.HOOK) {
            return new DecodeStep.Decoded<>(new Response.HookStarted(), 0);
        }
        WireReader r = WireReader.ofPrefix(buffer, offset, length);
        try {
            Response response = read(request.command().shape(), r);
            return new DecodeStep.Decoded<>(response, r.consumed());
        } catch (WireException e) {
            return failed(e);
        }
    }

    /** Decodes one COLLAPSE_TLOGS progress frame: rc 0 and an i64, or a failure frame. */
    public static DecodeStep<Response> decodeCollapseProgress(
            byte[] buffer, int offset, int length) {
        WireReader r = WireReader.ofPrefix(buffer, offset, length);
        try {
            Response response = readFailure(r);
            if (response == null) {
                response = new Response.Count(r.readI64("collapse progress"));
            }
            return new DecodeStep.Decoded<>(response, r.consumed());
        } catch (WireException e) {
            return failed(e);
        }
    }

    private static DecodeStep<Response> failed(WireException e) {
        if (e instanceof WireException.Underflow underflow) {
            return new DecodeStep.NeedMoreBytes<>(underflow.bytesMin);
        }
        return new DecodeStep.Failed<>(((WireException.Malformed) e).error);
    }

    /** Reads the rc; returns the failure it starts, or null after an OK rc. */
    private static Response readFailure(WireReader r) throws WireException {
        int rc = r.readI32("result code");
        if (rc == ResultCode.OK.wireValue()) {
            return null;
        }
        ResultCode code = ResultCode.fromWire(rc);
        if (code == ResultCode.NO_MAGIC) {
            return new Response.Failure(code, ByteString.EMPTY);
        }
        return new Response.Failure(code, r.readString("error message"));
    }

    private static Response read(Command.Shape shape, WireReader r) throws WireException {
        Response failure = readFailure(r);
        if (failure != null) {
            return failure;
        }
        return switch (shape) {
            case EMPTY -> new Response.Done();
            case STRING -> new Response.Text(r.readString("string result"));
            case OPTIONAL_STRING -> new Response.MaybeText(r.readOption("option result"));
            case BOOL -> new Response.Flag(r.readBool("bool result"));
            case INT32 -> new Response.Count(r.readI32("count"));
            case INT64 -> new Response.Count(r.readI64("count"));
            case VERSION ->
                    new Response.Version(
                            r.readI32("major"),
                            r.readI32("minor"),
                            r.readI32("patch"),
                            r.readString("info"));
            case TXID -> readTxid(r);
            case DB_STREAM -> readDbHeader(r);
            case COLLAPSE -> readCollapseStarted(r);
            case STREAM -> new Response.StreamStarted();
            default -> readStructured(shape, r);
        };
    }

    private static Response readStructured(Command.Shape shape, WireReader r) throws WireException {
        return switch (shape) {
            case STRING_LIST ->
                    new Response.Texts(
                            ResponseEncoder.reversed(StructureCodec.readStrings(r, "result")));
            case ENTRY_LIST -> readEntries(r);
            case OPTIONAL_LIST -> readOptions(r);
            case STATISTICS ->
                    new Response.Statistics(
                            StructureCodec.readNamedValue(r.readBlob("statistics"), 0));
            case INTERVAL -> new Response.IntervalValue(StructureCodec.readInterval(r));
            case ROUTING ->
                    new Response.Routing(StructureCodec.readRouting(r.readBlob("routing"), 0));
            case NURSERY_CONFIG -> StructureCodec.readNursery(r.readBlob("nursery config"));
            default -> throw new IllegalStateException("shape " + shape + " has no decoder");
        };
    }

    private static Response readTxid(WireReader r) throws WireException {
        Consistency consistency = r.readConsistency();
        if (consistency instanceof Consistency.AtLeast atLeast) {
            return new Response.Txid(atLeast.stamp());
        }
        throw WireReader.malformed("get_txid answered " + consistency + ", not At_least");
    }

    private static Response readDbHeader(WireReader r) throws WireException {
        long lengthBytes = r.readI64("database length");
        if (lengthBytes < 0) {
            throw WireReader.malformed("database length " + lengthBytes + " is negative");
        }
        return new Response.DbHeader(lengthBytes);
    }

    private static Response readCollapseStarted(WireReader r) throws WireException {
        int frameCount = r.readI32("collapse frame count");
        if (frameCount < 0) {
            throw WireReader.malformed("collapse frame count " + frameCount + " is negative");
        }
        return new Response.CollapseStarted(frameCount);
    }

    private static Response readEntries(WireReader r) throws WireException {
        int count = r.readCount("entries");
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(new Entry(r.readString("entry key"), r.readString("entry value")));
        }
        Collections.reverse(entries);
        return new Response.Entries(entries);
    }

    private static Response readOptions(WireReader r) throws WireException {
        int count = r.readCount("options");
        List<Optional<ByteString>> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            values.add(r.readOption("option"));
        }
        return new Response.MaybeTexts(values);
    }
}
