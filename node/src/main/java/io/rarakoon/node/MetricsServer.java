package io.rarakoon.node;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * The metrics endpoint: {@code GET /metrics} on its own port answers the Prometheus text of the
 * node's statistics; other paths get 404, other methods 405. Built on the JDK's HTTP server so the
 * node needs no HTTP library, and serves on that server's single dispatcher thread: a scrape is
 * small and rare, and one slow scraper can only delay other scrapes, never the node loop.
 *
 * <p>Suppressed for forbiddenapis' non-portable list, which names every {@code com.sun} package:
 * {@code com.sun.net.httpserver} is the exported, supported API of the {@code jdk.httpserver}
 * module, present in every JDK build since Java 6.
 */
@SuppressForbidden
final class MetricsServer implements AutoCloseable {
    /** Pending connections the listening socket queues before refusing more. */
    private static final int BACKLOG_CONNECTIONS_MAX = 8;

    private final HttpServer server;

    private MetricsServer(HttpServer server) {
        this.server = server;
    }

    /**
     * Listens on {@code host}:{@code port} (0 for an ephemeral port) and serves {@code text}.
     *
     * @throws IOException when the port cannot be bound
     */
    static MetricsServer start(String host, int port, Supplier<String> text) throws IOException {
        HttpServer server =
                HttpServer.create(new InetSocketAddress(host, port), BACKLOG_CONNECTIONS_MAX);
        server.createContext("/", exchange -> answer(exchange, text));
        server.start();
        return new MetricsServer(server);
    }

    private static void answer(HttpExchange exchange, Supplier<String> text) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals("/metrics")) {
                exchange.sendResponseHeaders(404, -1);
            } else if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                exchange.sendResponseHeaders(405, -1);
            } else {
                byte[] body = text.get().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", MetricsText.CONTENT_TYPE);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    /** The port listened on, useful when it was 0. */
    int port() {
        return server.getAddress().getPort();
    }

    /** Stops listening and closes open exchanges at once. */
    @Override
    public void close() {
        server.stop(0);
    }
}
