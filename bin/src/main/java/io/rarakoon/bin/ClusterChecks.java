package io.rarakoon.bin;

import io.rarakoon.node.config.ClusterConfig;
import io.rarakoon.node.config.MasterMode;
import io.rarakoon.node.config.NodeConfig;
import io.rarakoon.node.config.NodeRole;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The checks of the cluster file that span several entries: master mode against the voters, quorum,
 * learners, ports that two nodes would both listen on, and request size against value size.
 */
final class ClusterChecks {
    /** Room in a request for everything around its value: header, key, lengths. */
    static final long REQUEST_OVERHEAD_BYTES = 1024;

    private final ClusterConfig config;
    private final TomlReader cluster;
    private final List<String> problems;

    ClusterChecks(ClusterConfig config, TomlReader cluster, List<String> problems) {
        this.config = config;
        this.cluster = cluster;
        this.problems = problems;
    }

    void run() {
        List<String> voters = config.voters().stream().map(NodeConfig::name).toList();
        if (voters.isEmpty() && !config.nodes().isEmpty()) {
            cluster.tableProblem("the cluster needs at least one node with role = \"voter\"");
        }
        checkMasterMode(voters);
        config.quorum()
                .ifPresent(
                        q -> {
                            if (q > voters.size()) {
                                cluster.problem("quorum", q + " is not in 1.." + voters.size());
                            }
                        });
        checkLearners(voters);
        checkListeners();
        checkRequestSize();
    }

    /** A set of the largest value must fit in a request, with room for its key and header. */
    private void checkRequestSize() {
        long requestBytesMax = config.clientLimits().requestBytesMax();
        long needed = config.valueBytesMax() + REQUEST_OVERHEAD_BYTES;
        if (requestBytesMax < needed) {
            cluster.problem(
                    "max_request_size",
                    requestBytesMax
                            + " is too small for a value of max_value_size ("
                            + config.valueBytesMax()
                            + "): it must be at least "
                            + needed);
        }
    }

    private void checkMasterMode(List<String> voters) {
        boolean forced = config.masterMode() == MasterMode.FORCED;
        boolean preferred = config.masterMode() == MasterMode.PREFERRED;
        if (forced && config.master().isEmpty()) {
            cluster.problem("master", "is required when master_mode = \"forced\"");
        }
        if (!forced && config.master().isPresent()) {
            cluster.problem("master", "is only allowed with master_mode = \"forced\"");
        }
        if (preferred && config.preferredMasters().isEmpty()) {
            cluster.problem(
                    "preferred_masters",
                    "must name at least one node when master_mode = \"preferred\"");
        }
        if (!preferred && !config.preferredMasters().isEmpty()) {
            cluster.problem(
                    "preferred_masters", "is only allowed with master_mode = \"preferred\"");
        }
        List<String> mayLead =
                config.nodes().stream()
                        .filter(n -> n.role() == NodeRole.VOTER)
                        .map(NodeConfig::name)
                        .toList();
        config.master()
                .filter(m -> !mayLead.contains(m))
                .ifPresent(
                        m ->
                                cluster.problem(
                                        "master",
                                        "'" + m + "' is not a node with role = \"voter\""));
        for (String name : config.preferredMasters()) {
            if (!mayLead.contains(name)) {
                cluster.problem(
                        "preferred_masters", "'" + name + "' is not a node with role = \"voter\"");
            }
        }
        if (config.masterMode() == MasterMode.READ_ONLY && voters.size() != 1) {
            cluster.problem(
                    "master_mode",
                    "read_only needs exactly one voter, the file has " + voters.size());
        }
    }

    private void checkLearners(List<String> voters) {
        for (NodeConfig node : config.nodes()) {
            String where = "node '" + node.name() + "': ";
            if (node.role() == NodeRole.LEARNER && node.learnFrom().isEmpty()) {
                problems.add(where + "learn_from must name at least one voter for a learner");
            }
            if (node.role() != NodeRole.LEARNER && !node.learnFrom().isEmpty()) {
                problems.add(where + "learn_from is only allowed for learners");
            }
            for (String target : node.learnFrom()) {
                if (!voters.contains(target)) {
                    problems.add(where + "learn_from names '" + target + "', which is not a voter");
                }
            }
        }
    }

    /** Two listeners on one address and port cannot both start. */
    private void checkListeners() {
        Map<String, String> owners = new HashMap<>();
        for (NodeConfig node : config.nodes()) {
            for (String address : node.addresses()) {
                claim(owners, address, node.clientPort(), node.name() + " client_port");
                claim(owners, address, node.messagingPort(), node.name() + " messaging_port");
                if (node.metricsPort().isPresent()) {
                    claim(
                            owners,
                            address,
                            node.metricsPort().getAsInt(),
                            node.name() + " metrics_port");
                }
            }
        }
    }

    private void claim(Map<String, String> owners, String address, int port, String owner) {
        String previous = owners.putIfAbsent(address + ":" + port, owner);
        if (previous != null) {
            problems.add(
                    "node '"
                            + owner.split(" ")[0]
                            + "': "
                            + address
                            + ":"
                            + port
                            + " ("
                            + owner
                            + ") is already used by "
                            + previous);
        }
    }
}
