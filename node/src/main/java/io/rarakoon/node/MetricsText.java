package io.rarakoon.node;

import io.rarakoon.paxos.PaxosState;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;

/**
 * Renders {@link NodeStatistics} in the Prometheus text exposition format 0.0.4: a HELP and a TYPE
 * line per metric family, then its samples; histograms as cumulative {@code _bucket} samples with
 * an {@code le} label, then {@code _sum} and {@code _count}. Families come in a fixed order and
 * labelled samples in label order, so equal statistics give equal text. docs/metrics.md lists every
 * family. Any thread.
 */
final class MetricsText {
    /** The content type of the format, for the HTTP response. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

    private final StringBuilder out = new StringBuilder(4096);

    private MetricsText() {}

    /** The exposition of {@code statistics} now. */
    static String render(NodeStatistics statistics) {
        MetricsText text = new MetricsText();
        text.state(statistics);
        text.work(statistics);
        text.clients(statistics);
        text.catchup(statistics);
        return text.out.toString();
    }

    private void state(NodeStatistics s) {
        family("rarakoon_role", "gauge", "1 for the node's current role, 0 for the others");
        for (PaxosState.Role role : PaxosState.Role.values()) {
            sample("rarakoon_role", "role", lower(role.name()), s.role() == role ? 1 : 0);
        }
        gauge("rarakoon_term", "the highest term promised or accepted", s.term());
        gauge("rarakoon_log_index", "the last index in the log, -1 when empty", s.logIndex());
        gauge(
                "rarakoon_applied_index",
                "the last index applied to the store, -1 when none",
                s.appliedIndex());
        gauge(
                "rarakoon_start_time_seconds",
                "wall-clock time the node loop started, in seconds since the epoch",
                seconds(s.startWallMillis() * 1_000_000L));
    }

    private void work(NodeStatistics s) {
        counter("rarakoon_steps_total", "events stepped through the Paxos core", s.stepCount());
        counter("rarakoon_fsyncs_total", "forces of the log (group commits)", s.forceCount());
        counter(
                "rarakoon_applied_values_total",
                "chosen values applied to the store",
                s.appliedValueCount());
        histogram(
                "rarakoon_fsync_latency_seconds",
                "time to force the log, per force",
                s.fsyncLatency());
        histogram(
                "rarakoon_commit_latency_seconds",
                "time from a client update's arrival to its OK answer, after commit and apply",
                s.commitLatency());
        counter(
                "rarakoon_peer_messages_dropped_total",
                "peer messages dropped because the node's inbox was full",
                s.peerDropCount());
    }

    private void clients(NodeStatistics s) {
        family(
                "rarakoon_client_requests_total",
                "counter",
                "client requests answered, by command and result code");
        for (Map.Entry<NodeStatistics.RequestKey, Long> entry :
                s.clientRequestCounts().entrySet()) {
            out.append("rarakoon_client_requests_total{command=\"")
                    .append(entry.getKey().command())
                    .append("\",result=\"")
                    .append(entry.getKey().result())
                    .append("\"} ")
                    .append(entry.getValue())
                    .append('\n');
        }
        counter(
                "rarakoon_client_busy_total",
                "client requests refused because the node's queue was full",
                s.clientBusyCount());
        gauge(
                "rarakoon_client_connections",
                "client connections open now",
                s.clientConnectionCount());
        counter(
                "rarakoon_client_connections_refused_total",
                "client connections refused at the connection limit",
                s.clientConnectionRefusedCount());
    }

    private void catchup(NodeStatistics s) {
        gauge(
                "rarakoon_catchup_running",
                "1 while the node catches up",
                s.catchupRunning() ? 1 : 0);
        counter("rarakoon_catchup_runs_total", "catch-up runs started", s.catchupRunCount());
        counter(
                "rarakoon_catchup_failures_total",
                "catch-up runs that ended without applying anything",
                s.catchupFailureCount());
        counter(
                "rarakoon_catchup_entries_applied_total",
                "chosen values applied by catch-up",
                s.catchupEntryCount());
    }

    private void gauge(String name, String help, Object value) {
        family(name, "gauge", help);
        out.append(name).append(' ').append(value).append('\n');
    }

    private void counter(String name, String help, long value) {
        family(name, "counter", help);
        out.append(name).append(' ').append(value).append('\n');
    }

    private void histogram(String name, String help, LatencyHistogram.Snapshot snapshot) {
        family(name, "histogram", help);
        long[] cumulative = snapshot.cumulativeCounts();
        for (int i = 0; i < LatencyHistogram.BOUNDS_NANOS.length; i++) {
            String bound = seconds(LatencyHistogram.BOUNDS_NANOS[i]);
            sample(name + "_bucket", "le", bound, cumulative[i]);
        }
        sample(name + "_bucket", "le", "+Inf", snapshot.count());
        out.append(name).append("_sum ").append(seconds(snapshot.sumNanos())).append('\n');
        out.append(name).append("_count ").append(snapshot.count()).append('\n');
    }

    private void family(String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private void sample(String name, String label, String labelValue, long value) {
        out.append(name)
                .append('{')
                .append(label)
                .append("=\"")
                .append(labelValue)
                .append("\"} ")
                .append(value)
                .append('\n');
    }

    /** Nanoseconds as a plain decimal number of seconds ("0.00025", "10"). */
    private static String seconds(long nanos) {
        return BigDecimal.valueOf(nanos)
                .divide(NANOS_PER_SECOND)
                .stripTrailingZeros()
                .toPlainString();
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
