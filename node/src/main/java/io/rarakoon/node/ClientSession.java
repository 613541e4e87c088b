package io.rarakoon.node;

import io.rarakoon.client.protocol.ByteString;
import io.rarakoon.client.protocol.ConnectionFate;
import io.rarakoon.client.protocol.DecodeStep;
import io.rarakoon.client.protocol.Request;
import io.rarakoon.client.protocol.RequestDecoder;
import io.rarakoon.client.protocol.ServerReply;
import io.rarakoon.node.config.ClientLimits;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * The server side of one client connection, transport-agnostic: fed the connection's bytes, it
 * decodes requests with the client protocol's incremental decoder and hands them to the node loop
 * one at a time, as Arakoon serves a connection: the next request goes to the loop only after the
 * previous one was answered, so answers keep request order. A decode error is answered as Arakoon
 * does, in its turn, and closes the connection.
 *
 * <p>Back-pressure: requests that arrive while one is served wait decoded, at most {@link
 * ClientLimits#outstandingRequestsMax} of them counting the one served; at that cap, and while the
 * connection is not writable (its client reads its answers slowly or not at all), the session
 * pauses reading from the connection, so a client can make the node hold neither an unbounded
 * backlog of requests nor an unbounded queue of answers.
 *
 * <p>Threads: {@link #received}, {@link #writable} and {@link #closed} are called on the
 * connection's thread; answers from the loop hop to that thread through {@link
 * ClientConnection#execute}. {@link #idleSinceMillis} may be read from any thread.
 */
public final class ClientSession {
    private final NodeLoop loop;
    private final ClientConnection connection;
    private final RequestDecoder decoder;
    private final int outstandingRequestsMax;
    private final Clock clock;

    /** Decoded requests not yet handed to the loop, and at most one final decode failure. */
    private final ArrayDeque<DecodeStep<Request>> waiting = new ArrayDeque<>();

    private boolean requestInFlight;
    private boolean readingPaused;
    private boolean closed;

    /** When the connection last went quiet with nothing outstanding; -1 while it is busy. */
    private volatile long idleSinceMillis;

    /**
     * Creates the session of a connection to a node of cluster {@code clusterId}; a prologue naming
     * another cluster closes the connection.
     *
     * @param limits the request size and pipelining bounds applied to this connection
     * @param clock the node's clock, read to tell how long the connection has been idle
     */
    public ClientSession(
            String clusterId,
            NodeLoop loop,
            ClientConnection connection,
            ClientLimits limits,
            Clock clock) {
        assert limits.outstandingRequestsMax() >= 1;
        this.loop = loop;
        this.connection = connection;
        this.decoder = new RequestDecoder(ByteString.utf8(clusterId), limits.requestBytesMax());
        this.outstandingRequestsMax = limits.outstandingRequestsMax();
        this.clock = clock;
        this.idleSinceMillis = clock.monotonicMillis();
    }

    /**
     * Bytes arrived from the client, in stream order (position to limit; copied, not kept).
     * Connection thread.
     */
    public void received(ByteBuffer bytes) {
        if (closed) {
            return;
        }
        decoder.feed(bytes);
        pump();
    }

    /** The connection drained its outbound queue: reading may go on. Connection thread. */
    public void writable() {
        if (!closed) {
            pump();
        }
    }

    /** The connection closed; an answer still on its way is dropped. Connection thread. */
    public void closed() {
        closed = true;
    }

    /**
     * Since when (monotonic milliseconds) the connection has had no request outstanding and sent
     * nothing, or -1 while a request is outstanding. Any thread.
     */
    public long idleSinceMillis() {
        return idleSinceMillis;
    }

    /** Decodes what fits under the cap, serves the next request, and pauses or resumes reading. */
    private void pump() {
        // Each pass queues one request or the final failure, so the cap bounds the loop.
        while (!closed && outstandingCount() < outstandingRequestsMax) {
            if (!decodeOne()) {
                break;
            }
        }
        serveNext();
        boolean shouldPause =
                !closed
                        && (outstandingCount() >= outstandingRequestsMax
                                || !connection.isWritable());
        if (shouldPause != readingPaused) {
            readingPaused = shouldPause;
            if (shouldPause) {
                connection.pauseReading();
            } else {
                connection.resumeReading();
            }
        }
        // Bytes of an incomplete request do not keep a connection busy: a client that sends half
        // a request and stops is as idle as one that sends nothing.
        idleSinceMillis = requestInFlight || !waiting.isEmpty() ? -1 : clock.monotonicMillis();
    }

    private int outstandingCount() {
        return waiting.size() + (requestInFlight ? 1 : 0);
    }

    /** Adds the next decoded request (or the final failure) to the waiting ones, if complete. */
    private boolean decodeOne() {
        if (!waiting.isEmpty() && waiting.peekLast() instanceof DecodeStep.Failed) {
            return false;
        }
        DecodeStep<Request> step = decoder.next();
        if (step instanceof DecodeStep.NeedMoreBytes) {
            return false;
        }
        waiting.add(step);
        return true;
    }

    private void serveNext() {
        if (requestInFlight || closed || waiting.isEmpty() || !connection.isWritable()) {
            return;
        }
        DecodeStep<Request> step = waiting.poll();
        if (step instanceof DecodeStep.Failed<Request> failed) {
            send(failed.error().reply());
            return;
        }
        Request request = ((DecodeStep.Decoded<Request>) step).value();
        requestInFlight = true;
        loop.submit(new ClientCall(request, reply -> connection.execute(() -> answered(reply))));
    }

    private void answered(ServerReply reply) {
        requestInFlight = false;
        if (closed) {
            return;
        }
        send(reply);
        pump();
    }

    private void send(ServerReply reply) {
        reply.frame().ifPresent(frame -> connection.write(frame.toByteArray()));
        if (reply.fate() == ConnectionFate.CLOSE) {
            closed = true;
            connection.close();
        }
    }
}
