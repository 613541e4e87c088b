package io.rarakoon.node;

import io.rarakoon.client.protocol.ByteString;
import io.rarakoon.client.protocol.ConnectionFate;
import io.rarakoon.client.protocol.DecodeStep;
import io.rarakoon.client.protocol.Request;
import io.rarakoon.client.protocol.RequestDecoder;
import io.rarakoon.client.protocol.ServerReply;

/**
 * The server side of one client connection, transport-agnostic: fed the connection's bytes, it
 * decodes requests with the client protocol's incremental decoder and hands them to the node loop
 * one at a time, as Arakoon serves a connection: the next request is decoded only after the
 * previous one was answered, so answers keep request order. A decode error is answered as Arakoon
 * does and closes the connection.
 *
 * <p>Threads: {@link #received} and {@link #closed} are called on the connection's thread; answers
 * from the loop hop to that thread through {@link ClientConnection#execute}.
 */
public final class ClientSession {
    private final NodeLoop loop;
    private final ClientConnection connection;
    private final RequestDecoder decoder;
    private boolean requestInFlight;
    private boolean closed;

    /**
     * Creates the session of a connection to a node of cluster {@code clusterId}; a prologue naming
     * another cluster closes the connection.
     */
    public ClientSession(String clusterId, NodeLoop loop, ClientConnection connection) {
        this.loop = loop;
        this.connection = connection;
        this.decoder = new RequestDecoder(ByteString.utf8(clusterId));
    }

    /** Bytes arrived from the client, in stream order. Connection thread. */
    public void received(byte[] bytes) {
        if (closed) {
            return;
        }
        decoder.feed(bytes, 0, bytes.length);
        pump();
    }

    /** The connection closed; an answer still on its way is dropped. Connection thread. */
    public void closed() {
        closed = true;
    }

    private void pump() {
        while (!requestInFlight && !closed) {
            DecodeStep<Request> step = decoder.next();
            if (step instanceof DecodeStep.NeedMoreBytes) {
                return;
            }
            if (step instanceof DecodeStep.Failed<Request> failed) {
                send(failed.error().reply());
                return;
            }
            Request request = ((DecodeStep.Decoded<Request>) step).value();
            requestInFlight = true;
            loop.submit(
                    new ClientCall(request, reply -> connection.execute(() -> answered(reply))));
        }
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
