package io.rarakoon.node;

import io.rarakoon.client.protocol.ByteString;
import io.rarakoon.client.protocol.DecodeStep;
import io.rarakoon.client.protocol.Request;
import io.rarakoon.client.protocol.RequestEncoder;
import io.rarakoon.client.protocol.Response;
import io.rarakoon.client.protocol.ResponseDecoder;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * A client connection to one node of a {@link TestCluster}: it encodes requests with the client
 * protocol's encoder, feeds them to a {@link ClientSession}, and decodes the answer bytes the
 * session writes. The connection's thread is the cluster's scheduler.
 */
final class TestClient implements ClientConnection {
    private final TestCluster cluster;
    private final ClientSession session;
    private final ByteArrayOutputStream answers = new ByteArrayOutputStream();
    private boolean prologueSent;
    private boolean closed;

    TestClient(TestCluster cluster, NodeLoop loop) {
        this.cluster = cluster;
        this.session =
                new ClientSession(
                        TestCluster.CLUSTER_ID, loop, this, Limits.clientDefaults(), cluster.time);
    }

    /** Sends {@code request} and runs the cluster until its answer arrives (bounded). */
    Response call(Request request) {
        return callUnless(request, () -> false)
                .orElseThrow(() -> new AssertionError("no answer to " + request));
    }

    /**
     * Sends {@code request} and runs the cluster until its answer arrives or {@code gone} holds
     * (the node crashed: the outcome is unknown), bounded in tasks.
     */
    Optional<Response> callUnless(Request request, BooleanSupplier gone) {
        answers.reset();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!prologueSent) {
            bytes.writeBytes(
                    RequestEncoder.encodePrologue(ByteString.utf8(TestCluster.CLUSTER_ID)));
            prologueSent = true;
        }
        bytes.writeBytes(RequestEncoder.encode(request));
        cluster.time.execute(() -> session.received(ByteBuffer.wrap(bytes.toByteArray())));
        Response[] response = new Response[1];
        boolean ended =
                cluster.time.runUntil(
                        () -> {
                            if (gone.getAsBoolean()) {
                                return true;
                            }
                            byte[] seen = answers.toByteArray();
                            DecodeStep<Response> step =
                                    ResponseDecoder.decode(request, seen, 0, seen.length);
                            if (step instanceof DecodeStep.Decoded<Response> decoded) {
                                response[0] = decoded.value();
                                return true;
                            }
                            return false;
                        },
                        100_000);
        if (!ended) {
            throw new AssertionError("no answer to " + request + " after 100000 tasks");
        }
        return Optional.ofNullable(response[0]);
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void write(byte[] bytes) {
        answers.writeBytes(bytes);
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public boolean isWritable() {
        return true;
    }

    @Override
    public void pauseReading() {
        // One request at a time: this client never reaches the pipelining cap.
    }

    @Override
    public void resumeReading() {
        // Never paused.
    }

    @Override
    public void execute(Runnable task) {
        cluster.time.execute(task);
    }
}
