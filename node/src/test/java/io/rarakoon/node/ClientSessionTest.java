package io.rarakoon.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rarakoon.client.protocol.ByteString;
import io.rarakoon.client.protocol.ConnectionFate;
import io.rarakoon.client.protocol.Request;
import io.rarakoon.client.protocol.RequestEncoder;
import io.rarakoon.client.protocol.Response;
import io.rarakoon.client.protocol.ResponseEncoder;
import io.rarakoon.client.protocol.ResultCode;
import io.rarakoon.client.protocol.ServerReply;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The connection side of a node: bad prologues close silently, unknown commands are answered as
 * Arakoon does and close, pipelined requests are answered in order, and a full client queue answers
 * "busy" at once instead of waiting. The loop is built but never started (it answers queries in its
 * Starting state), so only the session, the queue and the query handlers run.
 */
class ClientSessionTest {

    /** A connection that records what the session writes and runs its tasks at once. */
    private static final class RecordingConnection implements ClientConnection {
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        boolean closed;

        @Override
        public void write(byte[] bytes) {
            written.writeBytes(bytes);
        }

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public void execute(Runnable task) {
            task.run();
        }
    }

    private final TestCluster cluster = new TestCluster(3, 7);
    private final NodeLoop loop = builtLoop();

    private NodeLoop builtLoop() {
        TestCluster.TestNode node = cluster.nodes.get(0);
        node.build();
        return node.loop();
    }

    @Test
    void wrongClusterIdClosesWithoutAnswer() {
        RecordingConnection connection = new RecordingConnection();
        ClientSession session = new ClientSession(TestCluster.CLUSTER_ID, loop, connection);
        session.received(RequestEncoder.encodePrologue(ByteString.utf8("other")));
        assertTrue(connection.closed);
        assertEquals(0, connection.written.size());
    }

    @Test
    void unknownCommandIsAnsweredAndCloses() {
        RecordingConnection connection = new RecordingConnection();
        ClientSession session = new ClientSession(TestCluster.CLUSTER_ID, loop, connection);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(RequestEncoder.encodePrologue(ByteString.utf8(TestCluster.CLUSTER_ID)));
        bytes.writeBytes(new byte[] {0x7f, 0x00, (byte) 0xff, (byte) 0xb1});
        session.received(bytes.toByteArray());
        assertTrue(connection.closed);
        byte[] expected =
                ResponseEncoder.encodeFailure(
                        new Response.Failure(
                                ResultCode.NOT_FOUND, ByteString.utf8("7f: command not found")));
        assertArrayEquals(expected, connection.written.toByteArray());
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() {
        RecordingConnection connection = new RecordingConnection();
        ClientSession session = new ClientSession(TestCluster.CLUSTER_ID, loop, connection);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(RequestEncoder.encodePrologue(ByteString.utf8(TestCluster.CLUSTER_ID)));
        Request state = new Request.CurrentState();
        Request txid = new Request.GetTxid();
        bytes.writeBytes(RequestEncoder.encode(state));
        bytes.writeBytes(RequestEncoder.encode(txid));
        session.received(bytes.toByteArray());
        cluster.time.runFor(1);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(
                ResponseEncoder.encode(state, new Response.Text(ByteString.utf8("Starting"))));
        expected.writeBytes(ResponseEncoder.encode(txid, new Response.Txid(0)));
        assertArrayEquals(expected.toByteArray(), connection.written.toByteArray());
    }

    @Test
    void fullClientQueueAnswersBusyAtOnce() {
        List<ServerReply> replies = new ArrayList<>();
        Request get = new Request.WhoMaster();
        for (int i = 0; i <= Limits.CLIENT_QUEUE_REQUESTS_MAX; i++) {
            loop.submit(new ClientCall(get, replies::add));
        }
        assertEquals(1, replies.size(), "only the request beyond the queue is answered");
        ServerReply busy = replies.get(0);
        assertEquals(ConnectionFate.CLOSE, busy.fate());
        byte[] frame = busy.frame().orElseThrow().toByteArray();
        assertEquals(ResultCode.MAX_CONNECTIONS.wireValue(), frame[0] & 0xff);
    }
}
