package io.rarakoon.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rarakoon.client.protocol.ByteString;
import io.rarakoon.client.protocol.ResultCode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client's retry and failure rules, driven by faults scripted into the fake cluster: master
 * changes, lost answers, stalls, refused connections, and the typed exceptions each one must
 * produce. A {@link FakeTime} makes backoff instantaneous; the only real waits are socket timeouts
 * of a fraction of a second in the stall and unreachable cases.
 */
class ClientFailureTest {
    private static final ByteString K = ByteString.utf8("k");
    private static final ByteString V = ByteString.utf8("v");

    private FakeCluster cluster;
    private FakeTime time;
    private ArakoonClient client;

    @BeforeEach
    void start() throws IOException {
        cluster = new FakeCluster();
        time = new FakeTime();
        client = ArakoonClient.create(cluster.config(time).build());
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        cluster.close();
    }

    @Test
    void followsTheMasterWhenItMoves() {
        client.set(K, V);
        cluster.setMaster(Optional.of("node_1"));
        client.set(K, ByteString.utf8("w"));
        assertEquals(Optional.of("node_1"), client.whoMaster());
        assertEquals(ByteString.utf8("w"), client.get(K));
    }

    @Test
    void writeWhoseAnswerIsLostIsOutcomeUnknownNotFailed() {
        client.set(K, V);
        cluster.node("node_0").injectFault(FakeArakoonServer.Fault.CLOSE_AFTER_APPLY);
        assertThrows(OutcomeUnknownException.class, () -> client.set(K, ByteString.utf8("maybe")));
        assertEquals(ByteString.utf8("maybe"), client.get(K), "the fake did apply it");
    }

    @Test
    void readWhoseAnswerIsLostIsRetried() {
        client.set(K, V);
        cluster.node("node_0").injectFault(FakeArakoonServer.Fault.CLOSE_BEFORE_APPLY);
        assertEquals(V, client.get(K));
    }

    @Test
    void noLongerMasterIsAnOutcomeUnknown() {
        client.set(K, V);
        cluster.node("node_0").injectFailure(ResultCode.NO_LONGER_MASTER, "lost it");
        NoLongerMasterException e =
                assertThrows(NoLongerMasterException.class, () -> client.delete(K));
        assertInstanceOf(OutcomeUnknownException.class, e);
        assertEquals(ByteString.utf8("lost it"), e.serverMessage());
    }

    @Test
    void goingDownRetriesReadsAndLeavesWritesUnknown() {
        client.set(K, V);
        cluster.node("node_0").injectFailure(ResultCode.GOING_DOWN, "closing socket");
        assertEquals(V, client.get(K));
        cluster.node("node_0").injectFailure(ResultCode.GOING_DOWN, "closing socket");
        OutcomeUnknownException e =
                assertThrows(OutcomeUnknownException.class, () -> client.set(K, V));
        assertInstanceOf(GoingDownException.class, e.getCause());
    }

    @Test
    void stalledWriteTimesOutAsOutcomeUnknown() {
        client.set(K, V);
        // One second is far above a loaded machine's answer time, and the test's only wait.
        ArakoonClient impatient =
                ArakoonClient.create(cluster.config(time).requestTimeoutMillis(1_000).build());
        try (impatient) {
            assertEquals(Optional.of("node_0"), impatient.whoMaster());
            cluster.node("node_0").injectFault(FakeArakoonServer.Fault.STALL);
            assertThrows(
                    OutcomeUnknownException.class, () -> impatient.set(K, ByteString.utf8("w")));
            assertEquals(V, impatient.get(K), "the client reconnects after the timeout");
        }
    }

    @Test
    void maxConnectionsIsRetriedThenReportedTyped() {
        cluster.node("node_0").rejectConnections(2);
        client.set(K, V);
        assertEquals(V, client.get(K));
        cluster.node("node_1").rejectConnections(Integer.MAX_VALUE);
        try (ArakoonClient fresh = ArakoonClient.create(cluster.config(time).build())) {
            ArakoonClient dirty =
                    fresh.withConsistency(io.rarakoon.client.protocol.Consistency.NO_GUARANTEES);
            assertThrows(MaxConnectionsException.class, () -> dirty.get(K));
        }
        assertTrue(time.pausedMillis() > 0, "retries backed off");
    }

    @Test
    void noMasterUntilTheDeadlineIsUnavailable() {
        cluster.setMaster(Optional.empty());
        UnavailableException e = assertThrows(UnavailableException.class, () -> client.set(K, V));
        assertTrue(e.getMessage().contains("attempts"), e.getMessage());
        assertEquals(Optional.empty(), client.whoMaster());
        assertEquals(false, client.expectProgressPossible());
    }

    @Test
    void unreachableNodesAreUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        ClientConfig config =
                ClientConfig.builder("arakoon")
                        .node("gone", "127.0.0.1", closedPort)
                        .deadlineMillis(1_000)
                        .backoffMillisMin(50)
                        .time(time)
                        .build();
        try (ArakoonClient lonely = ArakoonClient.create(config)) {
            UnavailableException e = assertThrows(UnavailableException.class, () -> lonely.get(K));
            assertTrue(time.pausedMillis() <= 1_000, "backoff stayed within the deadline");
            assertTrue(e.getMessage().contains("within 1000 ms"), e.getMessage());
        }
    }

    @Test
    void wrongClusterIdIsRefusedSilentlyAndReportedUnavailable() {
        ClientConfig config =
                ClientConfig.builder("other")
                        .node("node_0", "127.0.0.1", cluster.node("node_0").port())
                        .deadlineMillis(500)
                        .backoffMillisMin(100)
                        .time(time)
                        .build();
        try (ArakoonClient stranger = ArakoonClient.create(config)) {
            assertThrows(UnavailableException.class, () -> stranger.get(K));
        }
    }

    @Test
    void inconsistentReadsAndUserFunctionFailuresSurfaceTyped() {
        client.set(K, V);
        assertEquals(
                Optional.of(ByteString.utf8("ohce")),
                client.userFunction(
                        ByteString.utf8("reverse"), Optional.of(ByteString.utf8("echo"))));
        cluster.node("node_1")
                .injectFailure(ResultCode.INCONSISTENT_READ, "store not fresh enough");
        ArakoonClient dirty =
                client.withConsistency(io.rarakoon.client.protocol.Consistency.NO_GUARANTEES);
        assertThrows(InconsistentReadException.class, () -> dirty.get(K));
        cluster.node("node_0").injectFailure(ResultCode.USER_FUNCTION_FAILURE, "boom");
        assertThrows(
                UserFunctionFailureException.class,
                () -> client.userFunction(ByteString.utf8("reverse"), Optional.empty()));
        cluster.node("node_0").injectFailure(ResultCode.READ_ONLY, "node_0");
        ServerException readOnly = assertThrows(ServerException.class, () -> client.set(K, V));
        assertEquals(ResultCode.READ_ONLY, readOnly.resultCode());
    }

    @Test
    void closedClientRefusesCalls() {
        client.close();
        assertThrows(IllegalStateException.class, () -> client.get(K));
    }
}
