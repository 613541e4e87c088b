package io.rarakoon.bin;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * Cluster files for tests that run nodes on 127.0.0.1: free ports, and the {@code [[nodes]]}
 * entries of {@code node_0..node_{n-1}} with their homes in the file's folder.
 */
public final class TestClusterFile {
    private static final String NODE_ENTRY =
            """

            [[nodes]]
            name = "node_%d"
            addresses = ["%s"]
            client_port = %d
            messaging_port = %d
            home_dir = "node_%d"
            %s""";

    private TestClusterFile() {}

    /** Holds every socket open until all are picked, so no port is handed out twice. */
    public static List<Integer> freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    /**
     * Writes {@code folder/cluster.toml}: {@code sections} (the {@code [cluster]} table and any
     * other), then {@code nodeCount} nodes; node i listens on client port {@code ports[i]} and
     * messaging port {@code ports[ports.size() / 2 + i]}.
     */
    static Path write(Path folder, String sections, int nodeCount, List<Integer> ports)
            throws IOException {
        return write(folder, sections, nodeCount, ports, "127.0.0.1", node -> "");
    }

    /**
     * As {@link #write(Path, String, int, List)}, with every node on {@code address} and the lines
     * {@code nodeKeys.apply(i)} (each ending in a newline) added to node i's entry.
     */
    public static Path write(
            Path folder,
            String sections,
            int nodeCount,
            List<Integer> ports,
            String address,
            IntFunction<String> nodeKeys)
            throws IOException {
        int half = ports.size() / 2;
        if (nodeCount > half) {
            throw new IllegalArgumentException(
                    nodeCount + " nodes need " + 2 * nodeCount + " ports");
        }
        StringBuilder toml = new StringBuilder(sections);
        for (int i = 0; i < nodeCount; i++) {
            toml.append(
                    String.format(
                            Locale.ROOT,
                            NODE_ENTRY,
                            i,
                            address,
                            ports.get(i),
                            ports.get(half + i),
                            i,
                            nodeKeys.apply(i)));
        }
        Path file = folder.resolve("cluster.toml");
        Files.writeString(file, toml, StandardCharsets.UTF_8);
        return file;
    }

    /** A cluster file of {@code nodeCount} nodes on fresh free ports. */
    static Path write(Path folder, String sections, int nodeCount) throws IOException {
        return write(folder, sections, nodeCount, freePorts(2 * nodeCount));
    }
}
