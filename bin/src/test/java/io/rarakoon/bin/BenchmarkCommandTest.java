package io.rarakoon.bin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rarakoon benchmark} against a 3-node cluster in this JVM on 127.0.0.1: every scenario runs
 * a few hundred operations without errors and ends with the JSON line; the writes land in the
 * store; bad options are usage errors. Counts only, never timings.
 */
class BenchmarkCommandTest {
    @TempDir static Path folder;

    private static LocalCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = LocalCluster.start(folder);
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Test
    void everyScenarioRunsWithoutErrorsAndEndsWithJson() {
        for (String scenario : List.of("set", "get", "mixed", "sequence", "range")) {
            LocalCluster.Result run = benchmark("--scenario", scenario, "--clients", "4", "--json");
            assertEquals(0, run.code(), scenario + ": " + run.err());
            String json = lastLine(run.out());
            assertEquals("0", field(json, "errors"), json);
            assertEquals("200", field(json, "ops"), json);
            for (String name : List.of("ops_per_s", "p50_us", "p99_us", "p999_us", "max_us")) {
                assertTrue(!field(json, name).isEmpty(), name + " in " + json);
            }
        }
    }

    @Test
    void setsWriteOneKeyPerOperation() {
        cluster.client("delete-prefix", "k").code();
        LocalCluster.Result run =
                benchmark("--scenario", "set", "--clients", "3", "--key-size", "9");
        assertEquals(0, run.code(), run.err());
        assertEquals("200\n", cluster.client("key-count").out());
        assertEquals("vvvv\n", cluster.client("get", "k00000199").out().substring(96));
    }

    @Test
    void randomKeyOrderWritesOneKeyPerOperationToo() {
        cluster.client("delete-prefix", "k").code();
        LocalCluster.Result run =
                benchmark(
                        "--scenario",
                        "sequence",
                        "--clients",
                        "3",
                        "--key-order",
                        "random",
                        "--json");
        assertEquals(0, run.code(), run.err());
        String json = lastLine(run.out());
        assertTrue(json.contains("\"key_order\":\"random\""), json);
        assertEquals("2000\n", cluster.client("key-count").out());
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertEquals(ExitCodes.USAGE, benchmark("--scenario", "scan").code());
        assertEquals(ExitCodes.USAGE, benchmark("--clients", "0").code());
        assertEquals(ExitCodes.USAGE, benchmark("--key-size", "3").code());
        assertEquals(ExitCodes.USAGE, benchmark("--key-order", "shuffled").code());
        assertEquals(ExitCodes.USAGE, LocalCluster.run("benchmark").code());
    }

    private static LocalCluster.Result benchmark(String... args) {
        List<String> all =
                new ArrayList<>(
                        List.of(
                                "benchmark",
                                "--config",
                                cluster.clusterFile().toString(),
                                "--ops",
                                "200",
                                "--keys",
                                "50"));
        all.addAll(List.of(args));
        return LocalCluster.run(all.toArray(String[]::new));
    }

    private static String lastLine(String out) {
        String[] lines = out.strip().split("\n");
        return lines[lines.length - 1];
    }

    private static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\":([0-9.]+)").matcher(json);
        return matcher.find() ? matcher.group(1) : "";
    }
}
