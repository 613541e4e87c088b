package io.rarakoon.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rarakoon.client.protocol.ByteString;
import io.rarakoon.client.protocol.ConnectionFate;
import io.rarakoon.client.protocol.Consistency;
import io.rarakoon.client.protocol.Request;
import io.rarakoon.client.protocol.ResponseEncoder;
import io.rarakoon.client.protocol.ServerReply;
import io.rarakoon.paxos.PaxosState;
import io.rarakoon.paxos.message.NodeId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The metrics text and the histograms behind it, on a hand-stepped clock: exact bucket lines for
 * known durations, client answers counted by command and result with only proposed OK answers timed
 * as commits, the loop's view rendered as gauges, and histogram snapshots that stay cumulative and
 * consistent while another thread records (a bounded loop on each side, joined with a latch).
 */
class MetricsTextTest {
    private final StepClock clock = new StepClock();
    private final NodeStatistics statistics = new NodeStatistics(clock);

    @Test
    void rendersCumulativeBucketsSumAndCount() {
        LatencyHistogram histogram = new LatencyHistogram();
        histogram.record(300_000);
        histogram.record(3_000_000);
        histogram.record(20_000_000_000L);
        LatencyHistogram.Snapshot snapshot = histogram.snapshot();
        assertEquals(3, snapshot.count());
        assertEquals(0, snapshot.cumulativeCounts()[1]); // le 0.00025
        assertEquals(1, snapshot.cumulativeCounts()[2]); // le 0.0005
        assertEquals(2, snapshot.cumulativeCounts()[5]); // le 0.005
        assertEquals(2, snapshot.cumulativeCounts()[LatencyHistogram.BOUNDS_NANOS.length - 1]);
        assertEquals(20_003_300_000L, snapshot.sumNanos());
    }

    @Test
    void countsAnswersByCommandAndResultAndTimesProposedCommits() {
        ClientCall set = statistics.meter(call(new Request.Set(key("k"), key("v"))));
        ClientCall get =
                statistics.meter(call(new Request.Get(new Consistency.Consistent(), key("k"))));
        statistics.proposing(set);
        clock.nanos += 2_000_000;
        set.answer().accept(reply(0));
        get.answer().accept(reply(5));
        String text = MetricsText.render(statistics);
        assertTrue(
                text.contains(
                        "rarakoon_client_requests_total{command=\"get\",result=\"not_found\"} 1\n"),
                text);
        assertTrue(
                text.contains("rarakoon_client_requests_total{command=\"set\",result=\"ok\"} 1\n"));
        assertTrue(text.contains("rarakoon_commit_latency_seconds_bucket{le=\"0.001\"} 0\n"));
        assertTrue(text.contains("rarakoon_commit_latency_seconds_bucket{le=\"0.0025\"} 1\n"));
        assertTrue(text.contains("rarakoon_commit_latency_seconds_bucket{le=\"+Inf\"} 1\n"));
        assertTrue(text.contains("rarakoon_commit_latency_seconds_sum 0.002\n"));
        assertTrue(text.contains("rarakoon_commit_latency_seconds_count 1\n"));
    }

    @Test
    void rendersTheLoopsViewAsGauges() {
        statistics.observe(PaxosState.initial(new NodeId("n0")), 41, 40, 3, 7);
        statistics.clientConnectionOpened(true);
        statistics.clientConnectionOpened(false);
        String text = MetricsText.render(statistics);
        for (String line :
                List.of(
                        "# TYPE rarakoon_role gauge",
                        "rarakoon_role{role=\"starting\"} 1",
                        "rarakoon_role{role=\"master\"} 0",
                        "rarakoon_log_index 41",
                        "rarakoon_applied_index 40",
                        "rarakoon_client_busy_total 3",
                        "rarakoon_peer_messages_dropped_total 7",
                        "rarakoon_client_connections 1",
                        "rarakoon_client_connections_refused_total 1",
                        "# TYPE rarakoon_fsync_latency_seconds histogram")) {
            assertTrue(text.contains(line + "\n"), line);
        }
    }

    @Test
    void snapshotsStayConsistentWhileAnotherThreadRecords() throws InterruptedException {
        LatencyHistogram histogram = new LatencyHistogram();
        AtomicBoolean done = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        Thread recorder =
                new Thread(
                        () -> {
                            for (int i = 0; i < 200_000; i++) {
                                histogram.record((i % 40) * 1_000_000L);
                            }
                            done.set(true);
                            finished.countDown();
                        });
        recorder.start();
        for (int scrape = 0; scrape < 10_000 && !done.get(); scrape++) {
            long[] cumulative = histogram.snapshot().cumulativeCounts();
            for (int i = 1; i < cumulative.length; i++) {
                assertTrue(cumulative[i] >= cumulative[i - 1], "bucket " + i);
            }
        }
        assertTrue(finished.await(60, TimeUnit.SECONDS));
        assertEquals(200_000, histogram.snapshot().count());
    }

    private static ByteString key(String text) {
        return ByteString.utf8(text);
    }

    private static ClientCall call(Request request) {
        return new ClientCall(request, reply -> {});
    }

    private static ServerReply reply(int resultCode) {
        byte[] frame =
                resultCode == 0
                        ? ResponseEncoder.encodeCollapseProgress(0)
                        : new byte[] {(byte) resultCode, 0, 0, 0, 0, 0, 0, 0};
        return new ServerReply(Optional.of(ByteString.of(frame)), ConnectionFate.KEEP_OPEN);
    }

    /** A clock the test moves by hand. */
    private static final class StepClock implements Clock {
        long nanos;

        @Override
        public long monotonicNanos() {
            return nanos;
        }

        @Override
        public long wallMillis() {
            return 0;
        }
    }
}
