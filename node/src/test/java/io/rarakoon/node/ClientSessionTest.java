package io.rarakoon.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rarakoon.client.protocol.ByteString;
import io.rarakoon.client.protocol.ConnectionFate;
import io.rarakoon.client.protocol.Request;
import io.rarakoon.client.protocol.RequestEncoder;
import io.rarakoon.client.protocol.Response;
import io.rarakoon.client.protocol.ResponseEncoder;
import io.rarakoon.client.protocol.ResultCode;
import io.rarakoon.client.protocol.ServerReply;
import io.rarakoon.node.config.ClientLimits;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The connection side of a node: bad prologues close silently, unknown commands are answered as
 * Arakoon does and close, pipelined requests are answered in order, and a full client queue answers
 * "busy" at once instead of waiting. The limits, each at and just past its value: a request of
 * max_request_size bytes is served and one byte more is refused; max_outstanding_requests pipelined
 * requests keep the connection read, one more pauses reading until answers go out; a connection
 * that is not writable (a slow reader) has its reads paused and its next request held until it
 * drains; idle time is tracked from the last answer or byte. The loop is built but never started
 * (it answers queries in its Starting state), so only the session, the queue and the query handlers
 * run, on the manual scheduler's thread.
 */
class ClientSessionTest {

    /** A connection that records what the session writes and runs its tasks at once. */
    private static final class RecordingConnection implements ClientConnection {
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        boolean closed;
        boolean writable = true;
        boolean readingPaused;

        @Override
        public boolean isWritable() {
            return writable;
        }

        @Override
        public void pauseReading() {
            readingPaused = true;
        }

        @Override
        public void resumeReading() {
            readingPaused = false;
        }

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

    private ClientSession session(RecordingConnection connection, ClientLimits limits) {
        return new ClientSession(TestCluster.CLUSTER_ID, loop, connection, limits, cluster.time);
    }

    private static ClientLimits limits(int requestBytesMax, int outstandingRequestsMax) {
        return new ClientLimits(10, 1024, requestBytesMax, 0, outstandingRequestsMax);
    }

    private static byte[] prologueAnd(Request... requests) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(RequestEncoder.encodePrologue(ByteString.utf8(TestCluster.CLUSTER_ID)));
        for (Request request : requests) {
            bytes.writeBytes(RequestEncoder.encode(request));
        }
        return bytes.toByteArray();
    }

    private static byte[] answers(Request... requests) {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (Request request : requests) {
            expected.writeBytes(ResponseEncoder.encode(request, new Response.Txid(0)));
        }
        return expected.toByteArray();
    }

    @Test
    void requestOfMaxRequestSizeIsServedAndOneByteMoreIsRefused() {
        Request txid = new Request.GetTxid();
        int requestBytes = RequestEncoder.encode(txid).length;

        RecordingConnection atLimit = new RecordingConnection();
        session(atLimit, limits(requestBytes, 4)).received(ByteBuffer.wrap(prologueAnd(txid)));
        cluster.time.runFor(1);
        assertFalse(atLimit.closed);
        assertArrayEquals(answers(txid), atLimit.written.toByteArray());

        RecordingConnection pastLimit = new RecordingConnection();
        session(pastLimit, limits(requestBytes - 1, 4))
                .received(ByteBuffer.wrap(prologueAnd(txid)));
        cluster.time.runFor(1);
        assertTrue(pastLimit.closed);
        assertEquals(
                ResultCode.UNKNOWN_FAILURE.wireValue(), pastLimit.written.toByteArray()[0] & 0xff);
    }

    @Test
    void pipeliningUpToTheCapKeepsReadingAndOneMorePausesUntilAnswered() {
        Request txid = new Request.GetTxid();
        RecordingConnection atCap = new RecordingConnection();
        session(atCap, limits(1024, 3)).received(ByteBuffer.wrap(prologueAnd(txid, txid)));
        assertFalse(atCap.readingPaused, "two of three outstanding");

        RecordingConnection pastCap = new RecordingConnection();
        session(pastCap, limits(1024, 3))
                .received(ByteBuffer.wrap(prologueAnd(txid, txid, txid, txid)));
        assertTrue(pastCap.readingPaused, "four requests against a cap of three");
        cluster.time.runFor(1);
        assertFalse(pastCap.readingPaused, "reading resumes as answers go out");
        assertArrayEquals(answers(txid, txid, txid, txid), pastCap.written.toByteArray());
    }

    @Test
    void slowReaderHasItsReadsPausedAndItsNextRequestHeldUntilItDrains() {
        Request txid = new Request.GetTxid();
        RecordingConnection slow = new RecordingConnection();
        ClientSession session = session(slow, limits(1024, 8));
        session.received(ByteBuffer.wrap(prologueAnd(txid)));
        slow.writable = false;
        cluster.time.runFor(1);
        assertTrue(slow.readingPaused);
        session.received(ByteBuffer.wrap(RequestEncoder.encode(txid)));
        cluster.time.runFor(1);
        assertArrayEquals(answers(txid), slow.written.toByteArray(), "second request held");
        slow.writable = true;
        session.writable();
        cluster.time.runFor(1);
        assertFalse(slow.readingPaused);
        assertArrayEquals(answers(txid, txid), slow.written.toByteArray());
    }

    @Test
    void idleTimeCountsFromTheLastAnswerAndNotWhileARequestIsOutstanding() {
        Request txid = new Request.GetTxid();
        RecordingConnection connection = new RecordingConnection();
        ClientSession session = session(connection, limits(1024, 4));
        long opened = cluster.time.monotonicMillis();
        assertEquals(opened, session.idleSinceMillis());
        cluster.time.runFor(5);
        session.received(ByteBuffer.wrap(prologueAnd(txid)));
        assertEquals(-1, session.idleSinceMillis(), "a request is outstanding");
        cluster.time.runFor(1);
        assertTrue(session.idleSinceMillis() >= opened + 5, "idle again since the answer");
    }

    @Test
    void wrongClusterIdClosesWithoutAnswer() {
        RecordingConnection connection = new RecordingConnection();
        ClientSession session = session(connection, Limits.clientDefaults());
        session.received(ByteBuffer.wrap(RequestEncoder.encodePrologue(ByteString.utf8("other"))));
        assertTrue(connection.closed);
        assertEquals(0, connection.written.size());
    }

    @Test
    void unknownCommandIsAnsweredAndCloses() {
        RecordingConnection connection = new RecordingConnection();
        ClientSession session = session(connection, Limits.clientDefaults());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(RequestEncoder.encodePrologue(ByteString.utf8(TestCluster.CLUSTER_ID)));
        bytes.writeBytes(new byte[] {0x7f, 0x00, (byte) 0xff, (byte) 0xb1});
        session.received(ByteBuffer.wrap(bytes.toByteArray()));
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
        ClientSession session = session(connection, Limits.clientDefaults());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(RequestEncoder.encodePrologue(ByteString.utf8(TestCluster.CLUSTER_ID)));
        Request state = new Request.CurrentState();
        Request txid = new Request.GetTxid();
        bytes.writeBytes(RequestEncoder.encode(state));
        bytes.writeBytes(RequestEncoder.encode(txid));
        session.received(ByteBuffer.wrap(bytes.toByteArray()));
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
