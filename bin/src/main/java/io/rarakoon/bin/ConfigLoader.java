package io.rarakoon.bin;

import io.rarakoon.node.Limits;
import io.rarakoon.node.config.ClientLimits;
import io.rarakoon.node.config.ClusterConfig;
import io.rarakoon.node.config.CollapseConfig;
import io.rarakoon.node.config.Compressor;
import io.rarakoon.node.config.LoggingConfig;
import io.rarakoon.node.config.MasterMode;
import io.rarakoon.node.config.NodeConfig;
import io.rarakoon.node.config.NodeRole;
import io.rarakoon.node.config.TlsConfig;
import io.rarakoon.node.config.WalConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * Reads and validates the TOML cluster file (spec §4.2). Validation is complete: every problem in
 * the file is reported at once, each with its dotted key and line, before anything starts. Relative
 * paths in the file are resolved against the folder that holds the file.
 */
public final class ConfigLoader {
    static final long LEASE_PERIOD_MILLIS_MIN = 100;
    static final long LEASE_PERIOD_MILLIS_MAX = 3_600_000;
    static final long PORT_MAX = 65_535;

    /** The smallest max_request_size: a prologue and every small request fit in it. */
    static final long REQUEST_BYTES_MIN = 1024;

    /** The longest client_idle_timeout_secs: a week; a longer wait is no timeout at all. */
    static final long IDLE_TIMEOUT_SECS_MAX = 7 * 86_400;

    /**
     * The largest max_outstanding_requests: more pipelining gains nothing, it only costs memory.
     */
    static final long OUTSTANDING_REQUESTS_MAX = 1024;

    private static final List<String> LOG_LEVELS =
            List.of("trace", "debug", "info", "notice", "warn", "warning", "error", "fatal");
    private static final Set<String> LOG_SECTIONS =
            Set.of("client_protocol", "paxos", "tcp_messaging");

    private final List<String> problems = new ArrayList<>();
    private final Path folder;

    private ConfigLoader(Path folder) {
        this.folder = folder;
    }

    /**
     * Loads the cluster file.
     *
     * @throws ConfigException listing every problem: unreadable file, syntax errors, or settings
     *     that are missing, of the wrong type, out of range or inconsistent
     */
    public static ClusterConfig load(Path file) throws ConfigException {
        TomlParseResult toml;
        try {
            toml = Toml.parse(file);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), List.of("cannot read the file: " + e));
        }
        if (toml.hasErrors()) {
            List<String> syntax = new ArrayList<>();
            for (TomlParseError error : toml.errors()) {
                syntax.add("line " + error.position().line() + ": syntax: " + error.getMessage());
            }
            throw new ConfigException(file.toString(), syntax);
        }
        Path folder = file.toAbsolutePath().getParent();
        ConfigLoader loader = new ConfigLoader(folder);
        ClusterConfig config = loader.read(toml);
        if (!loader.problems.isEmpty()) {
            throw new ConfigException(file.toString(), loader.problems);
        }
        return config;
    }

    private ClusterConfig read(TomlParseResult toml) {
        TomlReader root = new TomlReader(toml, "", null, problems);
        root.rejectUnknownKeys(Set.of("cluster", "wal", "collapse", "tls", "logging", "nodes"));
        WalConfig wal = readWal(root.table("wal"));
        CollapseConfig collapse = readCollapse(root.table("collapse"));
        Optional<TlsConfig> tls =
                root.isPresent("tls") ? Optional.of(readTls(root.table("tls"))) : Optional.empty();
        LoggingConfig logging = readLogging(root.table("logging"));
        List<NodeConfig> nodes = readNodes(toml, root, wal, collapse, logging, tls.isPresent());
        ClusterConfig config =
                readCluster(root.table("cluster"), wal, collapse, tls, logging, nodes);
        new ClusterChecks(config, root.table("cluster"), problems).run();
        return config;
    }

    private ClusterConfig readCluster(
            TomlReader cluster,
            WalConfig wal,
            CollapseConfig collapse,
            Optional<TlsConfig> tls,
            LoggingConfig logging,
            List<NodeConfig> nodes) {
        cluster.rejectUnknownKeys(
                Set.of(
                        "id",
                        "master_mode",
                        "master",
                        "preferred_masters",
                        "lease_period_secs",
                        "lease_period_millis",
                        "quorum",
                        "client_buffer_capacity",
                        "max_value_size",
                        "max_buffer_size",
                        "max_key_size",
                        "max_request_size",
                        "max_connections",
                        "max_outstanding_requests",
                        "client_idle_timeout_secs",
                        "plugins"));
        String id = cluster.requiredString("id");
        MasterMode mode =
                MasterMode.valueOf(
                        cluster.choice(
                                        "master_mode",
                                        "elected",
                                        List.of("elected", "forced", "preferred", "read_only"))
                                .toUpperCase(Locale.ROOT));
        long frameBytesMax =
                cluster.number(
                        "max_buffer_size",
                        io.rarakoon.wire.Limits.FRAME_BYTES_MAX,
                        Limits.PEER_FRAME_BYTES_MIN,
                        io.rarakoon.wire.Limits.FRAME_BYTES_MAX);
        long valueBytesMax = cluster.number("max_value_size", 8_388_608L, 1, frameBytesMax - 1);
        return new ClusterConfig(
                id,
                mode,
                cluster.optionalString("master"),
                cluster.strings("preferred_masters"),
                leasePeriodMillis(cluster),
                cluster.isPresent("quorum")
                        ? OptionalInt.of((int) cluster.number("quorum", 1, 1, Integer.MAX_VALUE))
                        : OptionalInt.empty(),
                (int) cluster.number("client_buffer_capacity", 32, 1, 1_000_000),
                valueBytesMax,
                frameBytesMax,
                cluster.strings("plugins"),
                wal,
                collapse,
                tls,
                logging,
                nodes,
                readClientLimits(cluster));
    }

    private static ClientLimits readClientLimits(TomlReader cluster) {
        ClientLimits defaults = Limits.clientDefaults();
        return new ClientLimits(
                (int) cluster.number("max_connections", defaults.connectionsMax(), 1, 1_000_000),
                (int) cluster.number("max_key_size", defaults.keyBytesMax(), 1, Integer.MAX_VALUE),
                (int)
                        cluster.number(
                                "max_request_size",
                                defaults.requestBytesMax(),
                                REQUEST_BYTES_MIN,
                                io.rarakoon.client.protocol.Limits.REQUEST_BYTES_MAX),
                1000 * cluster.number("client_idle_timeout_secs", 0, 0, IDLE_TIMEOUT_SECS_MAX),
                (int)
                        cluster.number(
                                "max_outstanding_requests",
                                defaults.outstandingRequestsMax(),
                                1,
                                OUTSTANDING_REQUESTS_MAX));
    }

    /** Arakoon counts the lease in seconds; tests want shorter ones, so millis are accepted too. */
    private static long leasePeriodMillis(TomlReader cluster) {
        if (cluster.isPresent("lease_period_secs") && cluster.isPresent("lease_period_millis")) {
            cluster.problem(
                    "lease_period_millis",
                    "give lease_period_secs or lease_period_millis, not both");
        }
        if (cluster.isPresent("lease_period_millis")) {
            return cluster.number(
                    "lease_period_millis",
                    10_000,
                    LEASE_PERIOD_MILLIS_MIN,
                    LEASE_PERIOD_MILLIS_MAX);
        }
        return 1000 * cluster.number("lease_period_secs", 10, 1, LEASE_PERIOD_MILLIS_MAX / 1000);
    }

    private static WalConfig readWal(TomlReader wal) {
        wal.rejectUnknownKeys(Set.of("entries_per_segment", "fsync", "fsync_dir", "compressor"));
        return new WalConfig(
                (int) wal.number("entries_per_segment", 100_000, 1, 100_000_000),
                wal.bool("fsync", true),
                wal.bool("fsync_dir", true),
                compressor(wal, "compressor", Compressor.ZSTD));
    }

    private static Compressor compressor(TomlReader table, String key, Compressor fallback) {
        String name = fallback.name().toLowerCase(Locale.ROOT);
        return Compressor.valueOf(
                table.choice(key, name, List.of("none", "zstd")).toUpperCase(Locale.ROOT));
    }

    private static CollapseConfig readCollapse(TomlReader collapse) {
        collapse.rejectUnknownKeys(
                Set.of(
                        "auto",
                        "trigger_segments",
                        "segments_to_keep",
                        "slowdown",
                        "head_copy_throttling"));
        int keep = (int) collapse.number("segments_to_keep", 5, 1, 1_000_000);
        int trigger = (int) collapse.number("trigger_segments", 20, 1, 1_000_000);
        if (trigger <= keep) {
            collapse.problem(
                    "trigger_segments",
                    trigger + " must be greater than segments_to_keep (" + keep + ")");
        }
        return new CollapseConfig(
                collapse.bool("auto", false),
                trigger,
                keep,
                collapse.fraction("slowdown", 0.0),
                collapse.fraction("head_copy_throttling", 0.0));
    }

    private TlsConfig readTls(TomlReader tls) {
        tls.rejectUnknownKeys(
                Set.of("ca_cert", "service", "service_validate_peer", "version", "cipher_list"));
        return new TlsConfig(
                folder.resolve(tls.requiredString("ca_cert")),
                tls.bool("service", false),
                tls.bool("service_validate_peer", false),
                tls.choice("version", "1.2", List.of("1.2", "1.3")),
                tls.string("cipher_list", ""));
    }

    private static LoggingConfig readLogging(TomlReader logging) {
        logging.rejectUnknownKeys(Set.of("level", "statistics_interval_secs", "sections"));
        String level = logging.choice("level", "info", LOG_LEVELS);
        TomlReader sections = logging.table("sections");
        sections.rejectUnknownKeys(LOG_SECTIONS);
        TreeMap<String, String> sectionLevels = new TreeMap<>();
        for (String section : new java.util.TreeSet<>(LOG_SECTIONS)) {
            sectionLevels.put(section, sections.choice(section, level, LOG_LEVELS));
        }
        return new LoggingConfig(
                level, logging.number("statistics_interval_secs", 300, 1, 86_400), sectionLevels);
    }

    private List<NodeConfig> readNodes(
            TomlParseResult toml,
            TomlReader root,
            WalConfig wal,
            CollapseConfig collapse,
            LoggingConfig logging,
            boolean tls) {
        if (!toml.isArray("nodes") || toml.getArray("nodes").isEmpty()) {
            root.problem("nodes", "at least one [[nodes]] entry is required");
            return List.of();
        }
        TomlArray array = toml.getArray("nodes");
        List<NodeConfig> nodes = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            if (!(array.get(i) instanceof TomlTable table)) {
                root.problem("nodes", "entry " + i + " must be a table");
                continue;
            }
            TomlReader node =
                    new TomlReader(table, "nodes[" + i + "].", array.inputPositionOf(i), problems);
            NodeConfig config = readNode(node, wal, collapse, logging, tls);
            if (!names.add(config.name())) {
                node.problem("name", "'" + config.name() + "' is used by another node");
            }
            nodes.add(config);
        }
        return nodes;
    }

    private NodeConfig readNode(
            TomlReader node,
            WalConfig wal,
            CollapseConfig collapse,
            LoggingConfig logging,
            boolean tls) {
        node.rejectUnknownKeys(
                Set.of(
                        "name",
                        "addresses",
                        "client_port",
                        "messaging_port",
                        "home_dir",
                        "tlog_dir",
                        "archive_dir",
                        "head_dir",
                        "log_dir",
                        "role",
                        "learn_from",
                        "compressor",
                        "fsync",
                        "log_level",
                        "tls_cert",
                        "tls_key",
                        "collapse_slowdown",
                        "drop_messages_permille",
                        "metrics_port"));
        List<String> addresses = node.strings("addresses");
        if (addresses.isEmpty()) {
            node.problem("addresses", "at least one address is required");
            addresses = List.of("");
        }
        Path home = folder.resolve(node.requiredString("home_dir"));
        Path tlogDir = node.optionalString("tlog_dir").map(folder::resolve).orElse(home);
        Path archiveDir = node.optionalString("archive_dir").map(folder::resolve).orElse(tlogDir);
        Path headDir = node.optionalString("head_dir").map(folder::resolve).orElse(archiveDir);
        requireTlogDir(node, "archive_dir", archiveDir, tlogDir);
        requireTlogDir(node, "head_dir", headDir, tlogDir);
        Optional<Path> cert = node.optionalString("tls_cert").map(folder::resolve);
        Optional<Path> key = node.optionalString("tls_key").map(folder::resolve);
        checkTlsFiles(node, tls, cert.isPresent(), key.isPresent());
        return new NodeConfig(
                node.requiredString("name"),
                addresses,
                port(node, "client_port"),
                port(node, "messaging_port"),
                home,
                tlogDir,
                archiveDir,
                headDir,
                node.optionalString("log_dir").map(folder::resolve).orElse(home),
                NodeRole.valueOf(
                        node.choice("role", "voter", List.of("voter", "learner", "witness"))
                                .toUpperCase(Locale.ROOT)),
                node.strings("learn_from"),
                new WalConfig(
                        wal.entriesPerSegment(),
                        node.bool("fsync", wal.fsync()),
                        wal.fsyncDir(),
                        compressor(node, "compressor", wal.compressor())),
                node.choice("log_level", logging.level(), LOG_LEVELS),
                cert,
                key,
                node.fraction("collapse_slowdown", collapse.slowdown()),
                (int) node.number("drop_messages_permille", 0, 0, 1000),
                node.isPresent("metrics_port")
                        ? OptionalInt.of(port(node, "metrics_port"))
                        : OptionalInt.empty());
    }

    /**
     * The node keeps segments, archives and the head snapshot in one folder for now; a setting that
     * points elsewhere would be silently ignored, so it is refused instead.
     */
    private static void requireTlogDir(TomlReader node, String key, Path dir, Path tlogDir) {
        if (!dir.equals(tlogDir)) {
            node.problem(key, "a folder other than tlog_dir is not supported yet: " + dir);
        }
    }

    private static int port(TomlReader node, String key) {
        if (!node.isPresent(key)) {
            node.problem(key, "is required");
            return 0;
        }
        return (int) node.number(key, 0, 1, PORT_MAX);
    }

    private static void checkTlsFiles(TomlReader node, boolean tls, boolean cert, boolean key) {
        if (cert != key) {
            node.problem(cert ? "tls_key" : "tls_cert", "tls_cert and tls_key go together");
        } else if (tls && !cert) {
            node.tableProblem(
                    "tls_cert and tls_key are required on every node when [tls] is present");
        } else if (!tls && cert) {
            node.problem("tls_cert", "is set but the file has no [tls] section");
        }
    }
}
