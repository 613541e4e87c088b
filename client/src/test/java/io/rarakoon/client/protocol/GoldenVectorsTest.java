package io.rarakoon.client.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Freezes the wire format: every byte example of the spec (§15 V1-V28, plus the §8, §9.2 and §9.5
 * examples) is stored as hex under src/test/resources/golden. Each test builds the typed value,
 * checks that it encodes to exactly those bytes and that the bytes decode back to it (requests
 * through the incremental server decoder, responses through the client decoder given the request).
 * The last test checks that every stored vector was used.
 */
class GoldenVectorsTest {
    private static final ByteString CLUSTER = ByteString.utf8("arakoon");
    private static GoldenVectors vectors;
    private static final TreeSet<String> used = new TreeSet<>();

    @BeforeAll
    static void load() throws IOException {
        vectors = new GoldenVectors();
    }

    private static ByteString vector(String name) {
        used.add(name);
        return vectors.get(name);
    }

    private static ByteString s(String text) {
        return ByteString.utf8(text);
    }

    private static void request(String name, Request request) {
        ByteString expected = vector(name);
        assertEquals(expected, ByteString.of(RequestEncoder.encode(request)), name + " encoding");
        RequestDecoder decoder = new RequestDecoder(CLUSTER);
        byte[] prologue = RequestEncoder.encodePrologue(CLUSTER);
        decoder.feed(ByteBuffer.wrap(prologue));
        byte[] bytes = expected.toByteArray();
        decoder.feed(ByteBuffer.wrap(bytes));
        assertEquals(new DecodeStep.Decoded<>(request, bytes.length), decoder.next(), name);
    }

    private static void response(String name, Request request, Response response) {
        ByteString expected = vector(name);
        assertEquals(expected, ByteString.of(ResponseEncoder.encode(request, response)), name);
        byte[] bytes = expected.toByteArray();
        assertEquals(
                new DecodeStep.Decoded<>(response, bytes.length),
                ResponseDecoder.decode(request, bytes, 0, bytes.length),
                name + " decoding");
    }

    private static Response failure(ResultCode code, String message) {
        return new Response.Failure(code, s(message));
    }

    @Test
    void prologueAndPing() {
        assertEquals(vector("V1.prologue"), ByteString.of(RequestEncoder.encodePrologue(CLUSTER)));
        Request ping = new Request.Ping(s("c1"), CLUSTER);
        request("V2.req", ping);
        response("V2.resp", ping, new Response.Text(s("Arakoon 1.8.6")));
    }

    @Test
    void whoMasterSetGetExistsDelete() {
        request("V3.req", new Request.WhoMaster());
        response(
                "V3.resp.some",
                new Request.WhoMaster(),
                new Response.MaybeText(Optional.of(s("node_0"))));
        response("V3.resp.none", new Request.WhoMaster(), new Response.MaybeText(Optional.empty()));
        Request set = new Request.Set(s("key"), s("value"));
        request("V4.req", set);
        response("V4.resp", set, new Response.Done());
        Request get = new Request.Get(Consistency.CONSISTENT, s("key"));
        request("V5.req", get);
        response("V5.resp.ok", get, new Response.Text(s("value")));
        response("V5.resp.miss", get, failure(ResultCode.NOT_FOUND, "Not_found"));
        Request stale = new Request.Get(Consistency.atLeast(5), s("key"));
        request("V6.req", stale);
        response("V6.resp", stale, failure(ResultCode.INCONSISTENT_READ, "store not fresh enough"));
        Request exists = new Request.Exists(Consistency.NO_GUARANTEES, s("key"));
        request("V7.req", exists);
        response("V7.resp", exists, new Response.Flag(true));
        Request delete = new Request.Delete(s("key"));
        request("V8.req", delete);
        response("V8.resp", delete, failure(ResultCode.NOT_FOUND, "key"));
        response("V9.resp", set, failure(ResultCode.NOT_MASTER, "node_1"));
    }

    @Test
    void rangesListInArakoonsWireOrder() {
        RangeQuery fromA = new RangeQuery(Optional.of(s("a")), true, Optional.empty(), false, -1);
        Request range = new Request.Range(Consistency.CONSISTENT, fromA);
        request("V10.req", range);
        response("V10.resp", range, new Response.Texts(List.of(s("a"), s("b"))));
        Request entries = new Request.RangeEntries(Consistency.CONSISTENT, fromA);
        request("V11.req", entries);
        response(
                "V11.resp",
                entries,
                new Response.Entries(
                        List.of(new Entry(s("a"), s("1")), new Entry(s("b"), s("2")))));
        Request rev =
                new Request.RevRangeEntries(
                        Consistency.CONSISTENT,
                        new RangeQuery(Optional.empty(), true, Optional.empty(), true, 2));
        request("V12.req", rev);
        response(
                "V12.resp",
                rev,
                new Response.Entries(
                        List.of(new Entry(s("c"), s("3")), new Entry(s("b"), s("2")))));
        Request prefix = new Request.PrefixKeys(Consistency.CONSISTENT, s("k"), 10);
        request("V13.req", prefix);
        response("V13.resp", prefix, new Response.Texts(List.of(s("k1"), s("k2"))));
    }

    @Test
    void conditionalWritesAndSequences() {
        Request tas = new Request.TestAndSet(s("k"), Optional.empty(), Optional.of(s("v")));
        request("V14.req", tas);
        response("V14.resp", tas, new Response.MaybeText(Optional.empty()));
        List<Update> steps = List.of(new Update.Set(s("a"), s("1")), new Update.Delete(s("b")));
        Request sequence = new Request.Sequence(steps);
        request("V15.req", sequence);
        response("V15.resp.ok", sequence, new Response.Done());
        response("V15.resp.miss", sequence, failure(ResultCode.NOT_FOUND, "b"));
        request("V15b.req", new Request.SyncedSequence(steps));
        Request replace = new Request.Replace(s("k"), Optional.empty());
        request("V21.req", replace);
        response("V21.resp", replace, new Response.MaybeText(Optional.of(s("old"))));
        Request deletePrefix = new Request.DeletePrefix(s("k"));
        request("V18.req", deletePrefix);
        response("V18.resp", deletePrefix, new Response.Count(3));
        Request function = new Request.UserFunction(s("reverse"), Optional.of(s("echo")));
        request("V20.req", function);
        response("V20.resp", function, new Response.MaybeText(Optional.of(s("ohce"))));
    }

    @Test
    void multiGetsAlignValuesWithKeys() {
        List<ByteString> keys = List.of(s("a"), s("b"));
        Request multiGet = new Request.MultiGet(Consistency.CONSISTENT, keys);
        request("V16.req", multiGet);
        response("V16.resp", multiGet, new Response.Texts(List.of(s("va"), s("vb"))));
        Request option = new Request.MultiGetOption(Consistency.CONSISTENT, keys);
        request("V17.req", option);
        response(
                "V17.resp",
                option,
                new Response.MaybeTexts(List.of(Optional.of(s("va")), Optional.empty())));
    }

    @Test
    void countsTxidAndAsserts() {
        request("V19.req.count", new Request.GetKeyCount());
        response("V19.resp.count", new Request.GetKeyCount(), new Response.Count(100));
        request("V19.req.txid", new Request.GetTxid());
        response("V19.resp.txid", new Request.GetTxid(), new Response.Txid(42));
        Request assertion = new Request.Assert(Consistency.CONSISTENT, s("k"), Optional.of(s("v")));
        request("V22.req", assertion);
        response("V22.resp", assertion, failure(ResultCode.ASSERTION_FAILED, "k"));
        Request exists = new Request.AssertExists(Consistency.CONSISTENT, s("k"));
        request("V26.req", exists);
        response("V26.resp", exists, failure(ResultCode.ASSERTION_FAILED, "k"));
        assertEquals(ConnectionFate.KEEP_OPEN, ResultCode.ASSERTION_FAILED.fate());
    }

    @Test
    void collapseAnnouncesItsFrames() {
        Request.CollapseTlogs collapse = new Request.CollapseTlogs(2);
        request("V23.req", collapse);
        response("V23.resp.nothing", collapse, new Response.CollapseStarted(0));
        byte[] frames = vector("V23.resp.frames").toByteArray();
        byte[] encoded =
                concat(
                        ResponseEncoder.encode(collapse, new Response.CollapseStarted(2)),
                        ResponseEncoder.encodeCollapseProgress(123),
                        ResponseEncoder.encodeCollapseProgress(456));
        assertEquals(ByteString.of(frames), ByteString.of(encoded));
        assertEquals(
                new DecodeStep.Decoded<>(new Response.CollapseStarted(2), 8),
                ResponseDecoder.decode(collapse, frames, 0, frames.length));
        assertEquals(
                new DecodeStep.Decoded<>(new Response.Count(123), 12),
                ResponseDecoder.decodeCollapseProgress(frames, 8, frames.length - 8));
        assertEquals(
                new DecodeStep.Decoded<>(new Response.Count(456), 12),
                ResponseDecoder.decodeCollapseProgress(frames, 20, frames.length - 20));
    }

    @Test
    void protocolErrorsGetArakoonsFrames() {
        assertEquals(vector("V24.no_magic.resp"), serverReplyTo(vector("V24.no_magic.req")));
        assertEquals(vector("V24.unknown.resp"), serverReplyTo(vector("V24.unknown.req")));
        assertEquals(
                vector("V24.too_many_clients"),
                ByteString.of(ResponseEncoder.encodeTooManyClients()));
        assertEquals(
                new ServerReply(Optional.of(vector("V27.resp")), ConnectionFate.CLOSE),
                ServerReply.failure(ResultCode.UNKNOWN_FAILURE, s("unknown failure")));
    }

    private static ByteString serverReplyTo(ByteString request) {
        RequestDecoder decoder = new RequestDecoder(CLUSTER);
        byte[] bytes = concat(RequestEncoder.encodePrologue(CLUSTER), request.toByteArray());
        decoder.feed(ByteBuffer.wrap(bytes));
        DecodeStep<Request> step = decoder.next();
        DecodeError error = assertInstanceOf(DecodeStep.Failed.class, step).error();
        ServerReply reply = error.reply();
        assertEquals(ConnectionFate.CLOSE, reply.fate());
        return reply.frame().orElseThrow();
    }

    @Test
    void smallStructures() throws WireException {
        WireWriter interval = new WireWriter();
        StructureCodec.writeInterval(interval, Interval.ALL);
        assertEquals(vector("V25.empty_interval"), ByteString.of(interval.toByteArray()));
        RoutingTree leaf = new RoutingTree.Leaf(s("c1"));
        RoutingTree branch =
                new RoutingTree.Branch(
                        s("m"), new RoutingTree.Leaf(s("left")), new RoutingTree.Leaf(s("right")));
        structure(
                "V25.routing_leaf",
                w -> StructureCodec.writeRouting(w, leaf),
                leaf,
                r -> StructureCodec.readRouting(r, 0));
        structure(
                "S92.routing",
                w -> StructureCodec.writeRouting(w, branch),
                branch,
                r -> StructureCodec.readRouting(r, 0));
        NamedValue x = new NamedValue.Float(s("x"), 1.5);
        structure(
                "V25.named_float",
                w -> StructureCodec.writeNamedValue(w, x),
                x,
                r -> StructureCodec.readNamedValue(r, 0));
        NamedValue n = new NamedValue.Int(s("n"), 0);
        structure(
                "S95.named_int",
                w -> StructureCodec.writeNamedValue(w, n),
                n,
                r -> StructureCodec.readNamedValue(r, 0));
        Update sequence =
                new Update.Sequence(
                        List.of(new Update.Set(s("a"), s("1")), new Update.Delete(s("b"))));
        structure(
                "S8.sequence",
                w -> UpdateCodec.write(w, sequence),
                sequence,
                r -> UpdateCodec.read(r, 0));
    }

    private interface Writer {
        void write(WireWriter w);
    }

    private interface Reader {
        Object read(WireReader r) throws WireException;
    }

    private static void structure(String name, Writer writer, Object value, Reader reader)
            throws WireException {
        ByteString expected = vector(name);
        WireWriter w = new WireWriter();
        writer.write(w);
        assertEquals(expected, ByteString.of(w.toByteArray()), name);
        byte[] bytes = expected.toByteArray();
        WireReader r = WireReader.ofComplete(bytes, 0, bytes.length);
        assertEquals(value, reader.read(r), name);
        assertEquals(0, r.remaining(), name + " trailing bytes");
    }

    @Test
    void streamsAndHooksHandOverAfterTheirHeader() {
        byte[] empty = vector("V25.last_entries2_empty").toByteArray();
        assertEquals(
                new DecodeStep.Decoded<>(new Response.StreamStarted(), 4),
                ResponseDecoder.decode(new Request.LastEntries2(0), empty, 0, empty.length));
        Request hook = new Request.UserHook(Consistency.CONSISTENT, s("t3k"));
        request("V25.user_hook.req", hook);
        assertEquals(
                new DecodeStep.Decoded<>(new Response.HookStarted(), 0),
                ResponseDecoder.decode(hook, empty, 0, empty.length));
        Request lastEntries3 = new Request.LastEntries3(0);
        request("V28.req", lastEntries3);
        byte[] resp = vector("V28.resp.19").toByteArray();
        assertEquals(
                new DecodeStep.Decoded<>(new Response.StreamStarted(), 4),
                ResponseDecoder.decode(lastEntries3, resp, 0, resp.length));
    }

    @Test
    void valueOfDefaultLimitStillDecodes() {
        byte[] value = new byte[Limits.VALUE_BYTES_MAX_DEFAULT];
        Request set = new Request.Set(s("k"), ByteString.of(value));
        byte[] encoded = RequestEncoder.encode(set);
        ByteString head = vector("V27.req.head");
        assertEquals(head, ByteString.of(encoded, 0, head.length()));
        assertEquals(head.length() + value.length, encoded.length);
        RequestDecoder decoder = new RequestDecoder(CLUSTER);
        byte[] prologue = RequestEncoder.encodePrologue(CLUSTER);
        decoder.feed(ByteBuffer.wrap(prologue));
        decoder.feed(ByteBuffer.wrap(encoded));
        assertEquals(new DecodeStep.Decoded<>(set, encoded.length), decoder.next());
    }

    @Test
    void everyGoldenVectorIsChecked() throws WireException {
        // JUnit does not order test methods, so run every check here before counting.
        prologueAndPing();
        whoMasterSetGetExistsDelete();
        rangesListInArakoonsWireOrder();
        conditionalWritesAndSequences();
        multiGetsAlignValuesWithKeys();
        countsTxidAndAsserts();
        collapseAnnouncesItsFrames();
        protocolErrorsGetArakoonsFrames();
        streamsAndHooksHandOverAfterTheirHeader();
        valueOfDefaultLimitStillDecodes();
        smallStructures();
        List<String> unused = new ArrayList<>();
        for (String name : vectors.names()) {
            if (!used.contains(name)) {
                unused.add(name);
            }
        }
        assertEquals(List.of(), unused);
    }

    private static byte[] concat(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        byte[] all = new byte[length];
        int offset = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, offset, part.length);
            offset += part.length;
        }
        return all;
    }
}
