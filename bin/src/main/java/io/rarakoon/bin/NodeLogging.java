package io.rarakoon.bin;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import io.rarakoon.node.config.ClusterConfig;
import io.rarakoon.node.config.NodeConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Puts a node's {@code log_level}, {@code [logging.sections]} and {@code log_dir} into effect for a
 * JVM that runs that one node: levels on the loggers of each section, and a copy of the log in
 * {@code <log_dir>/<node>.log} beside standard error. Arakoon's level names map to the nearest
 * SLF4J level (notice to INFO, warning to WARN, fatal to ERROR).
 */
final class NodeLogging {
    /** The same layout as logback.xml's standard error appender. */
    private static final String PATTERN =
            "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{20} - %msg%n";

    /** Which of our packages and classes log for each of Arakoon's log sections. */
    private static final Map<String, List<String>> SECTION_LOGGERS =
            Map.of(
                    "client_protocol",
                    List.of(
                            "io.rarakoon.client",
                            "io.rarakoon.node.ClientListener",
                            "io.rarakoon.node.ClientSession"),
                    "paxos",
                    List.of(
                            "io.rarakoon.paxos",
                            "io.rarakoon.node.NodeLoop",
                            "io.rarakoon.node.EffectExecutor",
                            "io.rarakoon.node.Catchup"),
                    "tcp_messaging",
                    List.of("io.rarakoon.messenger", "io.rarakoon.wire"));

    private NodeLogging() {}

    /**
     * Applies the node's levels and opens its log file. Call before the node starts.
     *
     * @return the log file's path
     */
    static Path apply(ClusterConfig cluster, NodeConfig node) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(level(node.logLevel()));
        cluster.logging()
                .sectionLevels()
                .forEach(
                        (section, name) ->
                                SECTION_LOGGERS
                                        .getOrDefault(section, List.of())
                                        .forEach(
                                                logger ->
                                                        context.getLogger(logger)
                                                                .setLevel(level(name))));
        Path file = node.logDir().resolve(node.name() + ".log");
        root.addAppender(fileAppender(context, file));
        return file;
    }

    /** Arakoon's level name (as the config loader accepts them) as a logback level. */
    static Level level(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "trace":
                return Level.TRACE;
            case "debug":
                return Level.DEBUG;
            case "warn":
            case "warning":
                return Level.WARN;
            case "error":
            case "fatal":
                return Level.ERROR;
            default:
                return Level.INFO;
        }
    }

    private static FileAppender<ILoggingEvent> fileAppender(LoggerContext context, Path file) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName("node-file");
        appender.setFile(file.toString());
        appender.setAppend(true);
        appender.setEncoder(encoder);
        appender.start();
        return appender;
    }
}
