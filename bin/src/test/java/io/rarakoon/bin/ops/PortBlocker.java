package io.rarakoon.bin.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A network cut between node processes on one loopback, without iptables: one TCP relay in the test
 * JVM per ordered pair of nodes (from, to), and each node started with its own cluster file in
 * which every other node's messaging port is the relay from itself to that node. {@link #block}
 * cuts every relay into and out of a node, as {@code iptables -j DROP} on its messaging port does:
 * established streams stall with their bytes held back (the senders' socket buffers fill, as when
 * segments go unacknowledged), new connections are accepted but lead nowhere until the cut ends,
 * and nothing is reset. {@link #unblock} lets the held bytes and connections through, as TCP's
 * retransmissions do once the rule is gone. Client ports are not relayed.
 *
 * <p>Relay threads are daemon threads; each holds at most one read buffer, so a cut holds at most
 * {@link #BUFFER_BYTES} per direction of a stream. {@link #close()} closes every socket.
 */
final class PortBlocker implements AutoCloseable {
    /** Bytes one direction of a relayed stream reads before it forwards them. */
    private static final int BUFFER_BYTES = 64 * 1024;

    private final Map<String, Relay> relays = new TreeMap<>();

    /**
     * Starts a relay for every ordered pair of {@code nodes}, each forwarding to the node's real
     * messaging port ({@code messagingPorts.get(i)} for {@code nodes.get(i)}).
     */
    PortBlocker(List<String> nodes, List<Integer> messagingPorts) throws IOException {
        for (String from : nodes) {
            for (int i = 0; i < nodes.size(); i++) {
                String to = nodes.get(i);
                if (!to.equals(from)) {
                    relays.put(key(from, to), new Relay(from, to, messagingPorts.get(i)));
                }
            }
        }
    }

    /** The port node {@code from} must use to reach {@code to}'s messaging port. */
    int relayPort(String from, String to) {
        return relays.get(key(from, to)).server.getLocalPort();
    }

    /** Cuts every relayed stream into and out of {@code node}. */
    void block(String node) {
        setOpen(node, false);
    }

    /** Ends the cut of {@code node}: held bytes and connections go through. */
    void unblock(String node) {
        setOpen(node, true);
    }

    private void setOpen(String node, boolean open) {
        for (Relay relay : relays.values()) {
            if (relay.from.equals(node) || relay.to.equals(node)) {
                relay.setOpen(open);
            }
        }
    }

    @Override
    public void close() {
        relays.values().forEach(Relay::close);
    }

    private static String key(String from, String to) {
        return from + "->" + to;
    }

    /** Accepts streams from one node and forwards them to another node's messaging port. */
    private static final class Relay {
        final String from;
        final String to;
        final int targetPort;
        final ServerSocket server;
        private final List<Socket> sockets = new ArrayList<>();
        private boolean open = true;
        private boolean closed;

        Relay(String from, String to, int targetPort) throws IOException {
            this.from = from;
            this.to = to;
            this.targetPort = targetPort;
            this.server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
            daemon("relay " + from + "->" + to, this::acceptLoop);
        }

        synchronized void setOpen(boolean open) {
            this.open = open;
            notifyAll();
        }

        /** Waits while the relay is cut; false once it is closed. */
        synchronized boolean awaitOpen() {
            while (!open && !closed) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return !closed;
        }

        private void acceptLoop() {
            while (true) {
                Socket inbound;
                try {
                    inbound = server.accept();
                } catch (IOException closedServer) {
                    return;
                }
                if (!track(inbound)) {
                    return;
                }
                daemon("relay " + from + "->" + to + " connect", () -> connect(inbound));
            }
        }

        /** Connects to the target once the relay is open, then pumps both directions. */
        private void connect(Socket inbound) {
            if (!awaitOpen()) {
                return;
            }
            Socket outbound;
            try {
                outbound = new Socket(InetAddress.getLoopbackAddress(), targetPort);
            } catch (IOException refused) {
                closeQuietly(inbound);
                return;
            }
            if (!track(outbound)) {
                return;
            }
            daemon("relay " + from + "->" + to + " out", () -> pump(inbound, outbound));
            daemon("relay " + to + "->" + from + " back", () -> pump(outbound, inbound));
        }

        /**
         * Copies {@code source} to {@code sink}, holding each read while the relay is cut; passes
         * an end of stream on as a half close, and an error as a close of both sockets.
         */
        private void pump(Socket source, Socket sink) {
            byte[] buffer = new byte[BUFFER_BYTES];
            try {
                InputStream in = source.getInputStream();
                OutputStream out = sink.getOutputStream();
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    if (!awaitOpen()) {
                        return;
                    }
                    out.write(buffer, 0, read);
                }
                if (awaitOpen()) {
                    sink.shutdownOutput();
                }
            } catch (IOException streamEnded) {
                closeQuietly(source);
                closeQuietly(sink);
            }
        }

        /** Remembers a socket for {@link #close}; closes it and returns false if closed already. */
        private synchronized boolean track(Socket socket) {
            if (closed) {
                closeQuietly(socket);
                return false;
            }
            sockets.add(socket);
            return true;
        }

        synchronized void close() {
            closed = true;
            notifyAll();
            try {
                server.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            sockets.forEach(Relay::closeQuietly);
            sockets.clear();
        }

        private static void closeQuietly(Socket socket) {
            try {
                socket.close();
            } catch (IOException alreadyGone) {
                // Nothing to release: the socket is closed either way.
            }
        }

        private static void daemon(String name, Runnable task) {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            thread.start();
        }
    }
}
