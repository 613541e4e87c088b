package io.rarakoon.bin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.rarakoon.node.config.ClusterConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A node's log_level, [logging.sections] and log_dir take effect: levels land on the right loggers
 * and the log is copied into {@code <log_dir>/<node>.log}. The logging context is shared by the
 * test JVM, so each test puts back what it changed.
 */
class NodeLoggingTest {
    @TempDir Path folder;

    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Level rootLevel = root.getLevel();

    @AfterEach
    void restoreLogging() {
        root.detachAppender("node-file");
        root.setLevel(rootLevel);
        context.getLogger("io.rarakoon.paxos").setLevel(null);
        context.getLogger("io.rarakoon.messenger").setLevel(null);
    }

    @Test
    void levelsOfTheNodeAndItsSectionsTakeEffectAndTheLogGoesToLogDir() throws Exception {
        ClusterConfig config =
                load(
                        "[cluster]\nid = \"c\"\n[logging.sections]\npaxos = \"debug\"\n"
                                + "tcp_messaging = \"fatal\"\n",
                        "log_level = \"warning\"\nlog_dir = \"logs\"\n");

        Path file = NodeLogging.apply(config, config.nodes().get(0));
        LoggerFactory.getLogger("io.rarakoon.test").warn("a line for the file");

        assertEquals(Level.WARN, root.getLevel());
        assertEquals(Level.DEBUG, context.getLogger("io.rarakoon.paxos").getLevel());
        assertEquals(Level.ERROR, context.getLogger("io.rarakoon.messenger").getLevel());
        assertEquals(folder.resolve("logs").resolve("n0.log"), file);
        assertTrue(Files.readString(file, StandardCharsets.UTF_8).contains("a line for the file"));
    }

    @Test
    void noticeIsInfoAsArakoonHasNoSuchSlf4jLevel() {
        assertEquals(Level.INFO, NodeLogging.level("notice"));
        assertEquals(Level.ERROR, NodeLogging.level("fatal"));
        assertEquals(Level.TRACE, NodeLogging.level("trace"));
    }

    private ClusterConfig load(String clusterToml, String nodeLines) throws Exception {
        Path file = folder.resolve("cluster.toml");
        Files.writeString(
                file,
                clusterToml
                        + "[[nodes]]\nname = \"n0\"\naddresses = [\"127.0.0.1\"]\n"
                        + "client_port = 4000\nmessaging_port = 4010\nhome_dir = \"n0\"\n"
                        + nodeLines,
                StandardCharsets.UTF_8);
        return ConfigLoader.load(file);
    }
}
