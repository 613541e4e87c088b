package io.rarakoon.client;

import io.rarakoon.client.protocol.ByteString;
import io.rarakoon.client.protocol.ConnectionFate;
import io.rarakoon.client.protocol.Limits;
import io.rarakoon.client.protocol.Request;
import io.rarakoon.client.protocol.Response;
import io.rarakoon.client.protocol.ResultCode;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The client's connections, its idea of the master, and the retry loop every call goes through.
 * Shared by the {@link ArakoonClient} views of one client; one call at a time (a lock).
 */
final class ClusterSession implements AutoCloseable {
    /** Whether a lost answer may be retried (reads) or leaves the outcome unknown (writes). */
    enum Safety {
        READ,
        WRITE
    }

    /** Runs one request on a connection and returns its final frame. */
    @FunctionalInterface
    interface Exchange {
        Response run(Connection connection, long deadlineNanos) throws LinkFailure;
    }

    private final ClientConfig config;
    private final Time time;
    private final ReentrantLock lock = new ReentrantLock();
    private final TreeMap<String, Connection> connections = new TreeMap<>();
    private Optional<String> master = Optional.empty();
    private boolean closed;

    ClusterSession(ClientConfig config) {
        this.config = config;
        this.time = config.time();
    }

    ClientConfig config() {
        return config;
    }

    /** Sends {@code request} to {@code node} (empty = the master) with retries. */
    Response call(Request request, Optional<String> node, Safety safety) {
        return execute(node, safety, (c, deadline) -> c.call(request, deadline));
    }

    /** Runs {@code exchange} on {@code node} (empty = the master) with retries. */
    Response execute(Optional<String> node, Safety safety, Exchange exchange) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("client is closed");
            }
            return retryLoop(node, safety, exchange);
        } finally {
            lock.unlock();
        }
    }

    private Response retryLoop(Optional<String> node, Safety safety, Exchange exchange) {
        long deadline = time.monotonicNanos() + config.deadlineMillis() * 1_000_000;
        Exception last = null;
        int attempt = 0;
        while (attempt < Limits.ATTEMPTS_MAX && pauseBeforeAttempt(attempt, deadline)) {
            attempt++;
            String target = null;
            try {
                target = node.isPresent() ? node.get() : master(deadline);
                Response response = exchangeWith(target, exchange, deadline);
                if (!(response instanceof Response.Failure failure)) {
                    return response;
                }
                last = onFailure(target, failure, safety);
            } catch (LinkFailure e) {
                forget(target);
                if (safety == Safety.WRITE && e.requestSent) {
                    throw new OutcomeUnknownException(
                            "write sent, answer lost: " + e.getMessage(), e);
                }
                last = e;
            }
        }
        if (last instanceof ServerException retryable) {
            throw retryable;
        }
        throw new UnavailableException(
                "no answer after "
                        + attempt
                        + " attempts within "
                        + config.deadlineMillis()
                        + " ms",
                last);
    }

    /** Returns the exception to remember for a retryable failure; throws the others. */
    private ArakoonException onFailure(String target, Response.Failure failure, Safety safety) {
        if (failure.code().fate() == ConnectionFate.CLOSE) {
            drop(target);
        }
        ArakoonException e = Failures.toException(failure);
        ResultCode code = failure.code();
        if (code == ResultCode.GOING_DOWN && safety == Safety.WRITE) {
            throw new OutcomeUnknownException("node " + target + " is going down", e);
        }
        if (code == ResultCode.NOT_MASTER
                || code == ResultCode.GOING_DOWN
                || code == ResultCode.MAX_CONNECTIONS) {
            forget(target);
            return e;
        }
        throw e;
    }

    private Response exchangeWith(String target, Exchange exchange, long deadline)
            throws LinkFailure {
        Connection connection = connection(target);
        long attemptDeadline =
                Math.min(
                        deadline,
                        time.monotonicNanos() + config.requestTimeoutMillis() * 1_000_000);
        try {
            return exchange.run(connection, attemptDeadline);
        } catch (RuntimeException e) {
            drop(target); // the exchange stopped mid-frame: the connection is unusable
            throw e;
        }
    }

    /** Returns false when the pause would pass the deadline. */
    private boolean pauseBeforeAttempt(int attempt, long deadline) {
        // As Arakoon's clients: the first retry is immediate, later ones back off.
        long pauseMillis =
                attempt < 2
                        ? 0
                        : Math.min(
                                Limits.BACKOFF_MILLIS_MAX,
                                config.backoffMillisMin() << Math.min(attempt - 2, 20));
        if (time.monotonicNanos() + pauseMillis * 1_000_000 >= deadline) {
            return false;
        }
        if (pauseMillis > 0) {
            try {
                time.pause(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UnavailableException("interrupted while backing off", e);
            }
        }
        return true;
    }

    /** Returns the master, asking the nodes in configured order when it is not known. */
    private String master(long deadline) throws LinkFailure {
        if (master.isEmpty()) {
            master = findMaster(deadline);
        }
        return master.orElseThrow(() -> new LinkFailure("no node names a master", false, null));
    }

    /** Asks the nodes who the master is; accepts a name only from the master itself. */
    Optional<String> findMaster(long deadline) {
        for (NodeEndpoint node : config.nodes()) {
            Optional<String> named = whoMaster(node.name(), deadline);
            if (named.isEmpty() || config.node(named.get()).isEmpty()) {
                continue;
            }
            if (named.get().equals(node.name()) || whoMaster(named.get(), deadline).equals(named)) {
                return named;
            }
        }
        return Optional.empty();
    }

    /** Runs a master search for the public whoMaster call. */
    Optional<String> discoverMaster() {
        lock.lock();
        try {
            master = findMaster(time.monotonicNanos() + config.deadlineMillis() * 1_000_000);
            return master;
        } finally {
            lock.unlock();
        }
    }

    private Optional<String> whoMaster(String name, long deadline) {
        long askDeadline =
                Math.min(
                        deadline,
                        time.monotonicNanos() + config.requestTimeoutMillis() * 1_000_000);
        try {
            Response response = connection(name).call(new Request.WhoMaster(), askDeadline);
            if (response instanceof Response.MaybeText answer) {
                return answer.value().map(ByteString::toUtf8);
            }
        } catch (LinkFailure unreachable) {
            drop(name); // an unreachable node names no master; the search goes on
            return Optional.empty();
        }
        drop(name); // after a failure frame the server closes the connection
        return Optional.empty();
    }

    private Connection connection(String name) throws LinkFailure {
        Connection existing = connections.get(name);
        if (existing != null) {
            return existing;
        }
        NodeEndpoint node =
                config.node(name)
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "node " + name + " is not configured"));
        Connection opened =
                Connection.open(
                        node,
                        config.clusterId(),
                        config.connectTimeoutMillis(),
                        config.tls(),
                        time);
        connections.put(name, opened);
        return opened;
    }

    /** Drops the connection to {@code target}, and the cached master if it was that node. */
    private void forget(String target) {
        if (target == null || master.filter(target::equals).isPresent()) {
            master = Optional.empty();
        }
        if (target != null) {
            drop(target);
        }
    }

    private void drop(String name) {
        Connection connection = connections.remove(name);
        if (connection != null) {
            connection.close();
        }
    }

    /** Closes every connection; later calls fail with IllegalStateException. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            connections.values().forEach(Connection::close);
            connections.clear();
        } finally {
            lock.unlock();
        }
    }
}
