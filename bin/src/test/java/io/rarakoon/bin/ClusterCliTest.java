package io.rarakoon.bin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rarakoon.node.Node;
import io.rarakoon.node.config.ClusterConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line against a real 3-node cluster in this JVM on 127.0.0.1, on ports the test picks
 * free: client one-shots print bare, script-friendly output and map server errors to Arakoon's
 * error names and exit code 1. The first write waits for the election through the client's own
 * bounded retry, so the test never sleeps.
 */
class ClusterCliTest {
    @TempDir Path folder;

    private final List<Node> nodes = new ArrayList<>();
    private Path clusterFile;

    @BeforeEach
    void startCluster() throws Exception {
        clusterFile =
                TestClusterFile.write(
                        folder, "[cluster]\nid = \"cli_test\"\nlease_period_millis = 1000\n", 3);
        ClusterConfig config = ConfigLoader.load(clusterFile);
        for (int i = 0; i < 3; i++) {
            nodes.add(Node.start(config, "node_" + i));
        }
    }

    @AfterEach
    void stopCluster() {
        nodes.forEach(Node::close);
    }

    @Test
    void writesAndReadsThroughTheMaster() {
        assertEquals("", client("set", "fruit/apple", "red").out);
        assertEquals("red\n", client("get", "fruit/apple").out);
        client("set", "fruit/banana", "yellow");
        client("set", "vegetable/leek", "green");

        Result master = client("who-master");
        assertEquals(0, master.code);
        assertTrue(master.out.matches("node_[012]\n"), master.out);
        assertEquals("true\n", client("exists", "fruit/banana").out);
        assertEquals(
                "fruit/apple\tred\nfruit/banana\tyellow\n",
                client("range", "--first", "fruit/", "--last", "fruit0").out);
        assertEquals(
                "vegetable/leek\tgreen\nfruit/banana\tyellow\n",
                client("rev-range", "--max", "2").out);
        assertEquals("fruit/apple\nfruit/banana\n", client("prefix", "fruit/").out);
        assertEquals("red\nyellow\n", client("multi-get", "fruit/apple", "fruit/banana").out);
        assertEquals("3\n", client("key-count").out);
        assertEquals("2\n", client("delete-prefix", "fruit/").out);
        assertEquals("1\n", client("key-count").out);
        assertEquals(0, client("nop").code);
        assertEquals(0, client("statistics").code);
        assertEquals("true\n", client("expect-progress-possible").out);
        // A master is in Wait_for_accepteds while a value of its own (a lease renewal) is in
        // flight,
        // which can be at any moment of the test; both are master states.
        String state = client("node-state", "--node", master.out.strip()).out;
        assertTrue(state.matches("(Stable_master|Wait_for_accepteds)\n"), state);
    }

    @Test
    void serverErrorsGoToStderrWithArakoonsNameAndExitOne() {
        client("set", "present", "1");
        Result missing = client("get", "absent");
        assertEquals(1, missing.code);
        assertEquals("", missing.out);
        assertEquals("E_NOT_FOUND: Not_found\n", missing.err, "Arakoon's GET miss message");
        Result deleteMissing = client("delete", "absent");
        assertEquals(1, deleteMissing.code);
        assertEquals("E_NOT_FOUND: absent\n", deleteMissing.err, "a DELETE miss names the key");
    }

    @Test
    void aCorruptLogStopsTheNodeWithExitCode49() throws IOException {
        nodes.forEach(Node::close);
        nodes.clear();
        Path log = folder.resolve("node_0").resolve("000.wal");
        Files.write(log, "this is not a rarakoon segment".getBytes(StandardCharsets.UTF_8));

        Result run = run("--config", clusterFile.toString(), "--node", "node_0");

        assertEquals(ExitCodes.CORRUPT_STORAGE, run.code);
        assertTrue(run.err.contains("000.wal"), run.err);
    }

    @Test
    void aBadClusterFileIsAUsageError() throws IOException {
        Path bad = folder.resolve("bad.toml");
        Files.writeString(bad, "[cluster]\n", StandardCharsets.UTF_8);
        Result run = run("--config", bad.toString(), "--node", "node_0");
        assertEquals(ExitCodes.USAGE, run.code);
        assertTrue(run.err.contains("cluster.id: is required"), run.err);
    }

    private Result client(String... args) {
        List<String> all =
                new ArrayList<>(
                        List.of(
                                "client",
                                "--config",
                                clusterFile.toString(),
                                "--timeout-secs",
                                "30"));
        all.addAll(List.of(args));
        return run(all.toArray(String[]::new));
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    private record Result(int code, String out, String err) {}
}
