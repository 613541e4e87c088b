package io.rarakoon.client;

import io.rarakoon.client.protocol.ByteString;
import io.rarakoon.client.protocol.Consistency;
import io.rarakoon.client.protocol.Limits;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import javax.net.ssl.SSLContext;

/**
 * How a client reaches a cluster: its id, its nodes, and the client's time limits. Immutable; build
 * one with {@link #builder(String)}.
 */
public final class ClientConfig {
    private final ByteString clusterId;
    private final List<NodeEndpoint> nodes;
    private final long requestTimeoutMillis;
    private final long deadlineMillis;
    private final long connectTimeoutMillis;
    private final long backoffMillisMin;
    private final Consistency consistency;
    private final Optional<String> dirtyReadNode;
    private final Optional<SSLContext> tls;
    private final Time time;

    private ClientConfig(Builder b) {
        this.clusterId = ByteString.utf8(b.clusterId);
        this.nodes = List.copyOf(b.nodes);
        this.requestTimeoutMillis = b.requestTimeoutMillis;
        this.deadlineMillis = b.deadlineMillis;
        this.connectTimeoutMillis = b.connectTimeoutMillis;
        this.backoffMillisMin = b.backoffMillisMin;
        this.consistency = b.consistency;
        this.dirtyReadNode = b.dirtyReadNode;
        this.tls = b.tls;
        this.time = b.time;
    }

    /** Starts a configuration for the cluster {@code clusterId} (sent in every prologue). */
    public static Builder builder(String clusterId) {
        return new Builder(clusterId);
    }

    /** Returns the cluster id. */
    public ByteString clusterId() {
        return clusterId;
    }

    /** Returns the nodes in configured order (the order in which the master is searched). */
    public List<NodeEndpoint> nodes() {
        return nodes;
    }

    /** Returns the longest wait for one request's answer. */
    public long requestTimeoutMillis() {
        return requestTimeoutMillis;
    }

    /** Returns the longest time one call may take, retries included. */
    public long deadlineMillis() {
        return deadlineMillis;
    }

    /** Returns the longest wait for a TCP connection. */
    public long connectTimeoutMillis() {
        return connectTimeoutMillis;
    }

    /** Returns the pause before the second retry; later pauses double up to a cap. */
    public long backoffMillisMin() {
        return backoffMillisMin;
    }

    /** Returns the consistency of reads of a client built from this configuration. */
    public Consistency consistency() {
        return consistency;
    }

    /** Returns the node that serves non-Consistent reads; empty = the master. */
    public Optional<String> dirtyReadNode() {
        return dirtyReadNode;
    }

    /** Returns the TLS context connections use; empty = plain TCP. */
    public Optional<SSLContext> tls() {
        return tls;
    }

    Time time() {
        return time;
    }

    /** Returns the endpoint named {@code name}, if configured. */
    public Optional<NodeEndpoint> node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    /** Collects a {@link ClientConfig}; not thread-safe. */
    public static final class Builder {
        private final String clusterId;
        private final List<NodeEndpoint> nodes = new ArrayList<>();
        private long requestTimeoutMillis = 10_000;
        private long deadlineMillis = 60_000;
        private long connectTimeoutMillis = 5_000;
        private long backoffMillisMin = 200;
        private Consistency consistency = Consistency.CONSISTENT;
        private Optional<String> dirtyReadNode = Optional.empty();
        private Optional<SSLContext> tls = Optional.empty();
        private Time time = new SystemTime();

        private Builder(String clusterId) {
            this.clusterId = clusterId;
        }

        /** Adds a node; the master search asks nodes in the order they were added. */
        public Builder node(String name, String host, int port) {
            nodes.add(new NodeEndpoint(name, host, port));
            return this;
        }

        /** Sets the longest wait for one request's answer (default 10 s). */
        public Builder requestTimeoutMillis(long millis) {
            this.requestTimeoutMillis = millis;
            return this;
        }

        /** Sets the longest time one call may take, retries included (default 60 s, as Arakoon). */
        public Builder deadlineMillis(long millis) {
            this.deadlineMillis = millis;
            return this;
        }

        /** Sets the longest wait for a TCP connection (default 5 s). */
        public Builder connectTimeoutMillis(long millis) {
            this.connectTimeoutMillis = millis;
            return this;
        }

        /** Sets the pause before the second retry (default 200 ms; the first retry is at once). */
        public Builder backoffMillisMin(long millis) {
            this.backoffMillisMin = millis;
            return this;
        }

        /** Sets the consistency of reads (default Consistent). */
        public Builder consistency(Consistency consistency) {
            this.consistency = consistency;
            return this;
        }

        /** Sends non-Consistent reads to this node instead of the master. */
        public Builder dirtyReadNode(String name) {
            this.dirtyReadNode = Optional.of(name);
            return this;
        }

        /**
         * Connects with TLS through {@code context} (see {@link PemTls#context}): the nodes'
         * certificates must chain to a CA it trusts, and it presents its own certificate when a
         * node asks for one. Host names are not checked against the certificates.
         */
        public Builder tls(SSLContext context) {
            this.tls = Optional.of(context);
            return this;
        }

        Builder time(Time time) {
            this.time = time;
            return this;
        }

        /**
         * Validates and builds the configuration.
         *
         * @throws IllegalArgumentException naming every problem found
         */
        public ClientConfig build() {
            List<String> problems = new ArrayList<>();
            if (clusterId.isEmpty()) {
                problems.add("cluster id is empty");
            }
            if (nodes.isEmpty()) {
                problems.add("no nodes configured");
            }
            TreeSet<String> names = new TreeSet<>();
            nodes.forEach(
                    n -> {
                        if (!names.add(n.name())) {
                            problems.add("node " + n.name() + " configured twice");
                        }
                    });
            dirtyReadNode
                    .filter(n -> !names.contains(n))
                    .ifPresent(n -> problems.add("dirty read node " + n + " is not configured"));
            positive(problems, "requestTimeoutMillis", requestTimeoutMillis);
            positive(problems, "deadlineMillis", deadlineMillis);
            positive(problems, "connectTimeoutMillis", connectTimeoutMillis);
            if (backoffMillisMin < 0 || backoffMillisMin > Limits.BACKOFF_MILLIS_MAX) {
                problems.add(
                        "backoffMillisMin "
                                + backoffMillisMin
                                + " not in 0.."
                                + Limits.BACKOFF_MILLIS_MAX);
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(
                        "bad client config: " + String.join("; ", problems));
            }
            return new ClientConfig(this);
        }

        private static void positive(List<String> problems, String name, long value) {
            if (value <= 0 || value > Integer.MAX_VALUE) {
                problems.add(name + " " + value + " not in 1.." + Integer.MAX_VALUE);
            }
        }
    }
}
