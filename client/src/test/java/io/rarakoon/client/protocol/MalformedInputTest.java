package io.rarakoon.client.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Bad bytes on a client connection: each case feeds a hand-built byte string to the incremental
 * server decoder and checks the typed error, the message naming the field, and the reply and
 * connection fate the server must give (spec §3, §4, §8, §11.3). Oversized lengths must fail while
 * only their length field has arrived, i.e. before anything is allocated.
 */
class MalformedInputTest {
    private static final ByteString CLUSTER = ByteString.utf8("arakoon");

    private static DecodeError failure(String hexAfterPrologue) {
        return failureOf(
                concat(
                        RequestEncoder.encodePrologue(CLUSTER),
                        ByteString.fromHex(hexAfterPrologue).toByteArray()));
    }

    private static DecodeError failureOf(byte[] bytes) {
        RequestDecoder decoder = new RequestDecoder(CLUSTER);
        decoder.feed(ByteBuffer.wrap(bytes));
        DecodeStep<Request> step = decoder.next();
        DecodeError error = assertInstanceOf(DecodeStep.Failed.class, step).error();
        assertEquals(
                new DecodeStep.Failed<>(error), decoder.next(), "a failed decoder stays failed");
        assertEquals(0, decoder.bufferedBytes());
        return error;
    }

    @Test
    void wrongPrologueClosesWithoutReply() {
        byte[] otherCluster = RequestEncoder.encodePrologue(ByteString.utf8("other"));
        DecodeError error = failureOf(otherCluster);
        assertEquals(DecodeError.Kind.BAD_PROLOGUE, error.kind());
        assertEquals(new ServerReply(Optional.empty(), ConnectionFate.CLOSE), error.reply());
        assertEquals(
                DecodeError.Kind.BAD_PROLOGUE,
                failureOf(ByteString.fromHex("00 00 fe b1 01 00 00 00").toByteArray()).kind());
        assertEquals(
                DecodeError.Kind.BAD_PROLOGUE,
                failureOf(ByteString.fromHex("00 00 ff b1 02 00 00 00").toByteArray()).kind());
        DecodeError huge =
                failureOf(ByteString.fromHex("00 00 ff b1 01 00 00 00 ff ff 00 00").toByteArray());
        assertEquals(DecodeError.Kind.BAD_PROLOGUE, huge.kind());
        assertTrue(huge.message().contains("clusterIdBytesMax 1024"), huge.message());
    }

    @Test
    void commandWordWithExtraHighBitsIsAccepted() {
        RequestDecoder decoder = new RequestDecoder(CLUSTER);
        byte[] bytes =
                concat(
                        RequestEncoder.encodePrologue(CLUSTER),
                        ByteString.fromHex("02 00 ff ff").toByteArray());
        decoder.feed(ByteBuffer.wrap(bytes));
        assertEquals(new DecodeStep.Decoded<>(new Request.WhoMaster(), 4), decoder.next());
    }

    @Test
    void unassignedCodesAreUnknownCommands() {
        DecodeError zero = failure("00 00 ff b1");
        assertEquals(DecodeError.Kind.UNKNOWN_COMMAND, zero.kind());
        assertEquals("0: command not found", zero.message());
        assertEquals("47: command not found", failure("47 00 ff b1").message());
        assertEquals("2a: command not found", failure("2a 00 ff b1").message());
    }

    @Test
    void oversizedStringFailsBeforeItsBytesArrive() {
        DecodeError error = failure("09 00 ff b1 01 00 00 02");
        assertEquals(DecodeError.Kind.TOO_LARGE, error.kind());
        assertEquals("key length 33554433 exceeds stringBytesMax 33554432", error.message());
        assertEquals(ConnectionFate.CLOSE, error.reply().fate());
        assertEquals(DecodeError.Kind.TOO_LARGE, failure("08 00 ff b1 00 ff ff ff 7f").kind());
    }

    @Test
    void negativeLengthsAndCountsAreMalformed() {
        DecodeError length = failure("0a 00 ff b1 ff ff ff ff");
        assertEquals(DecodeError.Kind.MALFORMED, length.kind());
        assertEquals("key length -1 is negative", length.message());
        DecodeError count = failure("11 00 ff b1 00 fe ff ff ff");
        assertEquals("keys count -2 is negative", count.message());
        DecodeError many = failure("31 00 ff b1 00 01 00 10 00");
        assertEquals(DecodeError.Kind.TOO_LARGE, many.kind());
        assertEquals("keys count 1048577 exceeds listCountMax 1048576", many.message());
    }

    @Test
    void badBoolAndConsistencyBytesAreMalformed() {
        DecodeError bool = failure("0b 00 ff b1 00 02");
        assertEquals("first present: bool byte 2 is neither 0 nor 1", bool.message());
        DecodeError tag = failure("08 00 ff b1 03");
        assertEquals("consistency tag 3 is not 0, 1 or 2", tag.message());
        ServerReply reply = tag.reply();
        assertEquals(ConnectionFate.CLOSE, reply.fate());
        assertEquals(
                ByteString.fromHex(
                        "ff 00 00 00 0f 00 00 00 75 6e 6b 6e 6f 77 6e 20 66 61 69 6c 75 72 65"),
                reply.frame().orElseThrow());
    }

    @Test
    void sequenceBlobMustHoldASequence() {
        // The blob holds a bare Set: 1.8 answers "should have been a sequence" and closes.
        DecodeError error =
                failure("10 00 ff b1 0e 00 00 00 01 00 00 00 01 00 00 00 61" + " 01 00 00 00 31");
        assertEquals(DecodeError.Kind.NOT_A_SEQUENCE, error.kind());
        assertEquals(
                ByteString.utf8("should have been a sequence"),
                ByteString.of(error.reply().frame().orElseThrow().toByteArray(), 8, 27));
    }

    @Test
    void truncatedOrUnknownStepsInsideACompleteBlobAreMalformed() {
        // Blob of 12 bytes: Sequence with 1 step whose tag is 99.
        DecodeError unknown =
                failure("10 00 ff b1 0c 00 00 00 05 00 00 00 01 00 00 00 63 00 00 00");
        assertEquals("update tag 99 is not 1..17", unknown.message());
        // Blob of 12 bytes: Sequence with 1 step, a Delete whose key length field is missing.
        DecodeError truncated =
                failure("10 00 ff b1 0c 00 00 00 05 00 00 00 01 00 00 00" + " 02 00 00 00");
        assertEquals(DecodeError.Kind.MALFORMED, truncated.kind());
        assertTrue(
                truncated.message().startsWith("truncated delete key length"), truncated.message());
    }

    @Test
    void deeplyNestedSequencesAreRefused() {
        WireWriter w = new WireWriter();
        Update nested = new Update.Sequence(java.util.List.of());
        for (int depth = 0; depth < Limits.NESTING_DEPTH_MAX + 2; depth++) {
            nested = new Update.Sequence(java.util.List.of(nested));
        }
        UpdateCodec.write(w, nested);
        byte[] blob = w.toByteArray();
        WireWriter request =
                new WireWriter().i32(Command.SEQUENCE.word()).string(ByteString.of(blob));
        DecodeError error =
                failureOf(concat(RequestEncoder.encodePrologue(CLUSTER), request.toByteArray()));
        assertEquals(DecodeError.Kind.TOO_LARGE, error.kind());
        assertEquals("update nesting depth 33 exceeds nestingDepthMax 32", error.message());
    }

    @Test
    void truncatedRequestWaitsForMoreBytes() {
        RequestDecoder decoder = new RequestDecoder(CLUSTER);
        byte[] bytes =
                concat(
                        RequestEncoder.encodePrologue(CLUSTER),
                        ByteString.fromHex("09 00 ff b1 03 00 00 00 6b 65").toByteArray());
        decoder.feed(ByteBuffer.wrap(bytes));
        assertEquals(new DecodeStep.NeedMoreBytes<>(11), decoder.next());
        assertEquals(new DecodeStep.NeedMoreBytes<>(11), decoder.next());
    }

    @Test
    void responseDecoderReportsGarbageAsTypedErrors() {
        byte[] negative = ByteString.fromHex("00 00 00 00 ff ff ff ff").toByteArray();
        DecodeStep<Response> step =
                ResponseDecoder.decode(
                        new Request.Range(
                                Consistency.CONSISTENT,
                                new RangeQuery(Optional.empty(), true, Optional.empty(), true, -1)),
                        negative,
                        0,
                        negative.length);
        assertEquals(
                DecodeError.Kind.MALFORMED,
                assertInstanceOf(DecodeStep.Failed.class, step).error().kind());
        byte[] wrongTxid = ByteString.fromHex("00 00 00 00 00").toByteArray();
        assertInstanceOf(
                DecodeStep.Failed.class,
                ResponseDecoder.decode(new Request.GetTxid(), wrongTxid, 0, wrongTxid.length));
        byte[] unknownCode = ByteString.fromHex("42 00 00 00 00 00 00 00").toByteArray();
        assertEquals(
                new DecodeStep.Decoded<>(
                        new Response.Failure(ResultCode.UNKNOWN_FAILURE, ByteString.EMPTY), 8),
                ResponseDecoder.decode(new Request.Nop(), unknownCode, 0, unknownCode.length));
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
