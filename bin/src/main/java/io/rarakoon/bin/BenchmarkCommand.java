package io.rarakoon.bin;

import io.rarakoon.client.ArakoonClient;
import io.rarakoon.client.ArakoonException;
import io.rarakoon.client.ClientConfig;
import io.rarakoon.node.config.ClusterConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rarakoon benchmark --config F}: closed-loop clients over Arakoon's protocol against the
 * cluster's master, as Arakoon's {@code --benchmark}. Prints a progress line to stderr every
 * second, then ops/s and latency percentiles; with {@code --json} the last line of stdout is one
 * JSON object ({@code ops_per_s}, {@code p50_us}, {@code p99_us}, {@code p999_us}, {@code max_us},
 * {@code errors}, and the run's parameters).
 */
@Command(
        name = "benchmark",
        mixinStandardHelpOptions = true,
        description = "Measure throughput and latency with closed-loop clients.",
        footer = {
            "",
            "Keys are k<number>, zero-padded to --key-size bytes; set and sequence write new keys,",
            "in ascending order or, with --key-order random, scattered over the key space;",
            "get, mixed and range use --keys keys written before the measurement starts.",
            "Exit codes: 0 done (failed operations are counted in errors), 1 no master or the preload failed,",
            "2 bad command line or cluster file."
        })
final class BenchmarkCommand implements Callable<Integer> {
    /** Client threads: each holds a connection, and the node's connection limit is below this. */
    static final int CLIENTS_MAX = 1024;

    /** Shortest key: "k" plus six digits keeps a million distinct keys at the minimum. */
    static final int KEY_BYTES_MIN = 7;

    /** Key and value sizes stay far below the client's frame limit. */
    static final int ITEM_BYTES_MAX = 1 << 20;

    /** Preloaded keys: enough for reads spread over the store, quick to write. */
    static final int PRELOAD_KEYS_MAX = 1_000_000;

    @Spec private CommandSpec spec;

    @Mixin private TlsOptions tls;

    @Option(names = "--config", paramLabel = "FILE", description = "The cluster file (required).")
    private Path config;

    @Option(
            names = "--clients",
            defaultValue = "1",
            description = "Concurrent clients, one connection each (default: ${DEFAULT-VALUE}).")
    private int clients;

    @Option(
            names = "--ops",
            defaultValue = "10000",
            description = "Operations over all clients (default: ${DEFAULT-VALUE}).")
    private long operations;

    @Option(
            names = "--duration",
            defaultValue = "0",
            paramLabel = "SECONDS",
            description = "Run this long instead of counting operations.")
    private long durationSeconds;

    @Option(
            names = "--value-size",
            defaultValue = "100",
            paramLabel = "BYTES",
            description = "Value length (default: ${DEFAULT-VALUE}).")
    private int valueBytes;

    @Option(
            names = "--key-size",
            defaultValue = "16",
            paramLabel = "BYTES",
            description = "Key length (default: ${DEFAULT-VALUE}).")
    private int keyBytes;

    @Option(
            names = "--keys",
            defaultValue = "1000",
            description = "Keys preloaded for get, mixed and range (default: ${DEFAULT-VALUE}).")
    private int preloadKeys;

    @Option(
            names = "--scenario",
            defaultValue = "set",
            description = "set, get, mixed, sequence or range (default: ${DEFAULT-VALUE}).")
    private String scenario;

    @Option(
            names = "--key-order",
            defaultValue = "sequential",
            description =
                    "New keys of set and sequence: sequential or random (default:"
                            + " ${DEFAULT-VALUE}).")
    private String keyOrder;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed of the key choice.")
    private long seed;

    @Option(
            names = "--timeout-secs",
            defaultValue = "30",
            paramLabel = "SECONDS",
            description = "Each call gives up after this long (default: ${DEFAULT-VALUE}).")
    private long timeoutSecs;

    @Option(names = "--json", description = "End with one line of JSON.")
    private boolean json;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        if (config == null) {
            return ClusterCalls.missingOption(spec, "--config=FILE");
        }
        String problem = checkOptions();
        if (!problem.isEmpty()) {
            err.println(problem);
            return ExitCodes.USAGE;
        }
        Optional<ClusterConfig> cluster = NodeRunner.loadConfig(config, err);
        if (cluster.isEmpty()) {
            return ExitCodes.USAGE;
        }
        BenchmarkWorkload.Scenario chosen =
                BenchmarkWorkload.Scenario.valueOf(scenario.toUpperCase(Locale.ROOT));
        BenchmarkWorkload workload =
                new BenchmarkWorkload(
                        chosen,
                        keyBytes,
                        valueBytes,
                        preloadKeys,
                        BenchmarkWorkload.KeyOrder.valueOf(keyOrder.toUpperCase(Locale.ROOT)));
        List<ArakoonClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                open.add(ArakoonClient.create(clientConfig(cluster.get())));
            }
            // A nop per client waits for a master and opens every connection before the clock
            // starts.
            open.forEach(ArakoonClient::nop);
            workload.preload(open.get(0));
            BenchmarkRun run = new BenchmarkRun(workload, operations, durationSeconds, seed);
            print(run.run(open, err));
            return ExitCodes.OK;
        } catch (ArakoonException e) {
            err.println("before the measurement: " + e.getMessage());
            return ExitCodes.FAILED;
        } catch (IOException e) {
            err.println("local file: " + e.getMessage());
            return ExitCodes.FAILED;
        } finally {
            open.forEach(ArakoonClient::close);
        }
    }

    private ClientConfig clientConfig(ClusterConfig cluster) throws IOException {
        return ClusterCalls.clientConfig(cluster, tls, timeoutSecs);
    }

    /** Returns the first problem with the options, or "" when there is none. */
    private String checkOptions() {
        if (!tls.isComplete()) {
            return "--tls-cert and --tls-key go together";
        }
        for (String problem :
                List.of(
                        unlessOneOf("--scenario", scenario, BenchmarkWorkload.Scenario.values()),
                        unlessOneOf(
                                "--key-order", keyOrder, BenchmarkWorkload.KeyOrder.values()))) {
            if (!problem.isEmpty()) {
                return problem;
            }
        }
        if (clients < 1 || clients > CLIENTS_MAX) {
            return "--clients " + clients + " is outside 1.." + CLIENTS_MAX;
        }
        if (operations < 1 || durationSeconds < 0) {
            return "--ops must be positive and --duration not negative";
        }
        if (keyBytes < KEY_BYTES_MIN || keyBytes > ITEM_BYTES_MAX) {
            return "--key-size "
                    + keyBytes
                    + " is outside "
                    + KEY_BYTES_MIN
                    + ".."
                    + ITEM_BYTES_MAX;
        }
        if (valueBytes < 0 || valueBytes > ITEM_BYTES_MAX) {
            return "--value-size " + valueBytes + " is outside 0.." + ITEM_BYTES_MAX;
        }
        if (preloadKeys < 1 || preloadKeys > PRELOAD_KEYS_MAX) {
            return "--keys " + preloadKeys + " is outside 1.." + PRELOAD_KEYS_MAX;
        }
        return "";
    }

    /** "" if {@code value} is the lower-case name of one of {@code choices}, else the problem. */
    private static String unlessOneOf(String option, String value, Enum<?>[] choices) {
        List<String> names =
                Arrays.stream(choices).map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
        return names.contains(value)
                ? ""
                : option + ": '" + value + "' is not one of " + String.join(", ", names);
    }

    private void print(BenchmarkRun.Result result) {
        PrintWriter out = spec.commandLine().getOut();
        out.println(
                String.format(
                        Locale.ROOT,
                        "%s: %d clients, %,d ops in %.2f s, %,.0f ops/s, %,d errors",
                        scenario,
                        clients,
                        result.operations(),
                        result.elapsedNanos() / 1e9,
                        result.operationsPerSecond(),
                        result.errors()));
        out.println(
                String.format(
                        Locale.ROOT,
                        "latency us: p50 %d  p99 %d  p99.9 %d  max %d",
                        result.micros(50),
                        result.micros(99),
                        result.micros(99.9),
                        result.maxMicros()));
        if (json) {
            out.println(
                    String.format(
                            Locale.ROOT,
                            "{\"scenario\":\"%s\",\"clients\":%d,\"value_size\":%d,"
                                    + "\"key_size\":%d,\"key_order\":\"%s\",\"ops\":%d,"
                                    + "\"seconds\":%.3f,"
                                    + "\"ops_per_s\":%.1f,\"p50_us\":%d,\"p99_us\":%d,"
                                    + "\"p999_us\":%d,\"max_us\":%d,\"errors\":%d}",
                            scenario,
                            clients,
                            valueBytes,
                            keyBytes,
                            keyOrder,
                            result.operations(),
                            result.elapsedNanos() / 1e9,
                            result.operationsPerSecond(),
                            result.micros(50),
                            result.micros(99),
                            result.micros(99.9),
                            result.maxMicros(),
                            result.errors()));
        }
        out.flush();
    }
}
