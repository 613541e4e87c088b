package io.rarakoon.node.config;

import java.util.Map;

/**
 * Log levels ({@code [logging]}).
 *
 * @param level the default level of every node
 * @param statisticsIntervalSecs how often a node logs its statistics
 * @param sectionLevels levels per log section (client_protocol, paxos, tcp_messaging), sorted
 */
public record LoggingConfig(
        String level, long statisticsIntervalSecs, Map<String, String> sectionLevels) {
    public LoggingConfig {
        sectionLevels = Map.copyOf(sectionLevels);
    }
}
