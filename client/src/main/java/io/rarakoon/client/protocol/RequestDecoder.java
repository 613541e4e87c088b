package io.rarakoon.client.protocol;

import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * The server's incremental decoder for one client connection: feed it the connection's bytes as
 * they arrive; it checks the prologue once, then returns complete typed requests.
 *
 * <p>Usage: after each {@link #feed}, call {@link #next()} until it returns {@link
 * DecodeStep.NeedMoreBytes}. A {@link DecodeStep.Failed} result is final: answer with {@link
 * DecodeError#reply()} and stop reading. While the caller keeps calling {@link #next()}, buffered
 * bytes are bounded by the request limit (at most {@link Limits#REQUEST_BYTES_MAX}) plus one fed
 * chunk. Not thread-safe: one connection, one thread.
 */
public final class RequestDecoder {
    private final ByteString clusterId;
    private final int requestBytesMax;
    private byte[] buffer = new byte[256];
    private int start;
    private int end;
    private int bufferedBytesMin;
    private boolean prologueSeen;
    private DecodeError failure;

    /**
     * Creates a decoder for a connection of the cluster {@code clusterId}; a prologue naming
     * another cluster fails with {@link DecodeError.Kind#BAD_PROLOGUE}.
     */
    public RequestDecoder(ByteString clusterId) {
        this(clusterId, Limits.REQUEST_BYTES_MAX);
    }

    /**
     * As {@link #RequestDecoder(ByteString)}, refusing requests longer than {@code requestBytesMax}
     * (at most {@link Limits#REQUEST_BYTES_MAX}) with {@link DecodeError.Kind#TOO_LARGE}.
     *
     * @throws IllegalArgumentException if the limit is below 1 or above REQUEST_BYTES_MAX
     */
    public RequestDecoder(ByteString clusterId, int requestBytesMax) {
        if (requestBytesMax < 1 || requestBytesMax > Limits.REQUEST_BYTES_MAX) {
            throw new IllegalArgumentException(
                    "requestBytesMax "
                            + requestBytesMax
                            + " not in 1.."
                            + Limits.REQUEST_BYTES_MAX);
        }
        this.clusterId = clusterId;
        this.requestBytesMax = requestBytesMax;
    }

    /**
     * Copies in the bytes received from the connection, from the position of {@code bytes} to its
     * limit (the position ends at the limit).
     */
    public void feed(ByteBuffer bytes) {
        int length = bytes.remaining();
        if (buffer.length - end < length) {
            compactOrGrow(length);
        }
        bytes.get(buffer, end, length);
        end += length;
    }

    private void compactOrGrow(int more) {
        int buffered = end - start;
        int needed = buffered + more;
        byte[] target =
                needed <= buffer.length ? buffer : new byte[Math.max(needed, buffer.length * 2)];
        System.arraycopy(buffer, start, target, 0, buffered);
        buffer = target;
        start = 0;
        end = buffered;
    }

    /** Returns the number of bytes fed but not yet consumed by a decoded request. */
    public int bufferedBytes() {
        return end - start;
    }

    /**
     * Decodes the next request from the buffered bytes, consuming the prologue first.
     *
     * @return the next request, or a request for more bytes, or the connection's final error
     */
    public DecodeStep<Request> next() {
        if (failure != null) {
            return new DecodeStep.Failed<>(failure);
        }
        int buffered = end - start;
        if (buffered < bufferedBytesMin) {
            return new DecodeStep.NeedMoreBytes<>(bufferedBytesMin);
        }
        try {
            if (!prologueSeen) {
                readPrologue();
            }
            WireReader r = WireReader.ofPrefix(buffer, start, end - start);
            Request request = decodeRequest(r);
            if (r.consumed() > requestBytesMax) {
                // Arrived whole in one chunk: refused all the same, so the limit does not depend
                // on how the bytes were split.
                return fail(
                        DecodeError.tooLarge(
                                "request length",
                                r.consumed(),
                                "requestBytesMax",
                                requestBytesMax));
            }
            start += r.consumed();
            // Every request starts with its 4-byte command word. A server asks again after each
            // request, mostly with nothing left buffered: answered here without a failed attempt.
            bufferedBytesMin = Integer.BYTES;
            return new DecodeStep.Decoded<>(request, r.consumed());
        } catch (WireException e) {
            return e instanceof WireException.Underflow underflow
                    ? needMore(underflow.bytesMin)
                    : fail(((WireException.Malformed) e).error);
        }
    }

    private DecodeStep<Request> needMore(int bytesMin) {
        if (bytesMin > requestBytesMax || end - start > requestBytesMax) {
            return fail(
                    DecodeError.tooLarge(
                            "request length at least",
                            Math.max(bytesMin, end - start),
                            "requestBytesMax",
                            requestBytesMax));
        }
        bufferedBytesMin = bytesMin;
        return new DecodeStep.NeedMoreBytes<>(bytesMin);
    }

    private DecodeStep<Request> fail(DecodeError error) {
        failure = error;
        buffer = new byte[0];
        start = 0;
        end = 0;
        return new DecodeStep.Failed<>(error);
    }

    private void readPrologue() throws WireException {
        WireReader r = WireReader.ofPrefix(buffer, start, end - start);
        int magic = r.readI32("prologue magic");
        int version = r.readI32("prologue version");
        if (magic != Command.MAGIC || version != RequestEncoder.PROTOCOL_VERSION) {
            throw badPrologue(
                    String.format(
                            Locale.ROOT,
                            "prologue magic 0x%08x version %d, expected 0x%08x version %d",
                            magic,
                            version,
                            Command.MAGIC,
                            RequestEncoder.PROTOCOL_VERSION));
        }
        ByteString seen;
        try {
            seen = r.readString("prologue cluster_id", Limits.CLUSTER_ID_BYTES_MAX);
        } catch (WireException.Malformed e) {
            throw badPrologue(e.error.message()); // prologue failures close without a reply
        }
        if (!seen.equals(clusterId)) {
            throw badPrologue("prologue cluster_id " + seen + " is not " + clusterId);
        }
        start += r.consumed();
        prologueSeen = true;
    }

    private static WireException badPrologue(String message) {
        return new WireException.Malformed(new DecodeError(DecodeError.Kind.BAD_PROLOGUE, message));
    }

    /** Decodes one request (command word and payload) from complete or prefix bytes. */
    static Request decodeRequest(WireReader r) throws WireException {
        int word = r.readI32("command word");
        if ((word & Command.MAGIC) != Command.MAGIC) {
            throw new WireException.Malformed(
                    new DecodeError(
                            DecodeError.Kind.NO_MAGIC,
                            String.format(
                                    Locale.ROOT,
                                    "command word 0x%08x lacks the magic bits",
                                    word)));
        }
        int code = word & 0xffff;
        Command command = Command.ofCode(code);
        if (command == null) {
            throw new WireException.Malformed(DecodeError.unknownCommand(code));
        }
        return RequestPayloads.read(command, r);
    }
}
