package io.rarakoon.bin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rarakoon.node.config.ClusterConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node names every accepted setting it does not act on yet, and stays quiet on defaults. */
class SettingsNotInEffectTest {
    @TempDir Path folder;

    private static final String NODE =
            """
            [[nodes]]
            name = "n0"
            addresses = ["127.0.0.1"]
            client_port = 4000
            messaging_port = 4010
            home_dir = "n0"
            """;

    @Test
    void defaultsRaiseNoWarning() throws Exception {
        ClusterConfig config = load("[cluster]\nid = \"c\"\n" + NODE);
        assertEquals(List.of(), SettingsNotInEffect.of(config, config.nodes().get(0)));
    }

    @Test
    void namesEachSettingThatIsNotInEffect() throws Exception {
        ClusterConfig config =
                load(
                        "[cluster]\nid = \"c\"\nclient_buffer_capacity = 64\n"
                                + "[wal]\nfsync = false\ncompressor = \"none\"\n"
                                + NODE
                                + "drop_messages_permille = 20\nlog_level = \"debug\"\n");
        assertEquals(
                List.of(
                        "fsync = false: every accepted value is still fsynced",
                        "compressor = \"none\": completed segments are still compressed with zstd",
                        "cluster.client_buffer_capacity: the node's own queue limits apply",
                        "drop_messages_permille: no incoming message is dropped"),
                SettingsNotInEffect.of(config, config.nodes().get(0)));
    }

    private ClusterConfig load(String toml) throws Exception {
        Path file = folder.resolve("cluster.toml");
        Files.writeString(file, toml, StandardCharsets.UTF_8);
        return ConfigLoader.load(file);
    }
}
