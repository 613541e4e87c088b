package io.rarakoon.bin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rarakoon.client.ArakoonClient;
import io.rarakoon.client.BadInputException;
import io.rarakoon.client.ClientConfig;
import io.rarakoon.client.protocol.ByteString;
import io.rarakoon.client.protocol.RequestEncoder;
import io.rarakoon.node.Node;
import io.rarakoon.node.config.ClusterConfig;
import java.net.Socket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client limits of the cluster file in effect on a started node (in-JVM, one node on
 * 127.0.0.1): a key of max_key_size bytes is written and one byte more is refused with BAD_INPUT on
 * a connection that stays usable; a connection that sends only its prologue is closed by the idle
 * timeout (one second here; the read waits at most twenty). The exact boundaries of the idle
 * timeout, the connection cap, the request size and pipelining are tested in node's
 * ClientListenerTest and ClientSessionTest, with a manual clock.
 */
class ClientLimitsTest {
    private static final int KEY_BYTES_MAX = 16;
    private static final int READ_TIMEOUT_MILLIS = 20_000;

    @Test
    void keySizeAndIdleTimeoutFromTheClusterFileAreInEffect(@TempDir Path dir) throws Exception {
        Path file =
                TestClusterFile.write(
                        dir,
                        "[cluster]\nid = \"limits\"\nlease_period_millis = 1000\n"
                                + "max_key_size = "
                                + KEY_BYTES_MAX
                                + "\nclient_idle_timeout_secs = 1\n",
                        1);
        ClusterConfig config = ConfigLoader.load(file);
        int port = config.nodes().get(0).clientPort();
        Node node = Node.start(config, "node_0");
        try (ArakoonClient client =
                ArakoonClient.create(
                        ClientConfig.builder("limits").node("node_0", "127.0.0.1", port).build())) {
            ByteString atLimit = ByteString.utf8("k".repeat(KEY_BYTES_MAX));
            client.set(atLimit, ByteString.utf8("v"));
            ByteString pastLimit = ByteString.utf8("k".repeat(KEY_BYTES_MAX + 1));
            BadInputException refused =
                    assertThrows(
                            BadInputException.class,
                            () -> client.set(pastLimit, ByteString.utf8("v")));
            assertEquals("key length 17 exceeds max_key_size 16", refused.serverMessage().toUtf8());
            assertEquals("v", client.get(atLimit).toUtf8());

            try (Socket idle = new Socket("127.0.0.1", port)) {
                idle.setSoTimeout(READ_TIMEOUT_MILLIS);
                idle.getOutputStream()
                        .write(RequestEncoder.encodePrologue(ByteString.utf8("limits")));
                assertEquals(-1, idle.getInputStream().read(), "closed by the idle timeout");
            }
        } finally {
            node.close();
        }
    }
}
