package io.rarakoon.bin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rarakoon.client.ArakoonClient;
import io.rarakoon.client.ArakoonException;
import io.rarakoon.client.ClientConfig;
import io.rarakoon.client.NotFoundException;
import io.rarakoon.client.PemTls;
import io.rarakoon.client.TestCertificates;
import io.rarakoon.client.protocol.ByteString;
import io.rarakoon.client.protocol.Consistency;
import io.rarakoon.node.Node;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS end to end with in-JVM nodes on 127.0.0.1 (free ports, certificates made by openssl into the
 * test's folder, a short lease): a cluster whose nodes share a CA elects a master over mutually
 * authenticated links and serves a TLS client that presents a certificate (the Java client and the
 * command line's {@code --tls-cert}/{@code --tls-key}), while a plaintext client and a TLS client
 * without a certificate get no answer; a node whose certificate comes from another CA is refused by
 * the others, who still form a master without it, and it never becomes a slave. Client calls have
 * short deadlines, so every wait is bounded.
 */
class TlsClusterTest {
    private static final String NODE_ENTRY =
            """

            [[nodes]]
            name = "node_%d"
            addresses = ["127.0.0.1"]
            client_port = %d
            messaging_port = %d
            home_dir = "node_%d"
            tls_cert = "%s.pem"
            tls_key = "%s.key"
            """;

    private static final long CALL_DEADLINE_MILLIS = 60_000;
    private static final long REFUSED_DEADLINE_MILLIS = 2_000;

    /**
     * Writes a 3-node cluster file with [tls]; node i presents the certificate {@code certs[i]}.
     */
    private static Path clusterFile(Path dir, List<String> certs, List<Integer> ports)
            throws Exception {
        StringBuilder toml =
                new StringBuilder(
                        "[cluster]\nid = \"tls_test\"\nlease_period_millis = 1000\n"
                                + "[tls]\nca_cert = \"cluster-ca.pem\"\nservice = true\n"
                                + "service_validate_peer = true\n");
        for (int i = 0; i < certs.size(); i++) {
            toml.append(
                    String.format(
                            Locale.ROOT,
                            NODE_ENTRY,
                            i,
                            ports.get(i),
                            ports.get(3 + i),
                            i,
                            certs.get(i),
                            certs.get(i)));
        }
        Path file = dir.resolve("cluster.toml");
        Files.writeString(file, toml, StandardCharsets.UTF_8);
        return file;
    }

    private static ClientConfig.Builder client(List<Integer> ports, int nodeCount, long deadline) {
        ClientConfig.Builder builder =
                ClientConfig.builder("tls_test")
                        .deadlineMillis(deadline)
                        .requestTimeoutMillis(Math.min(deadline, 10_000));
        for (int i = 0; i < nodeCount; i++) {
            builder.node("node_" + i, "127.0.0.1", ports.get(i));
        }
        return builder;
    }

    private static List<Node> start(Path file) throws Exception {
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            nodes.add(Node.start(ConfigLoader.load(file), "node_" + i));
        }
        return nodes;
    }

    @Test
    void clusterOfOneCaServesTlsClientsWithACertificateOnly(@TempDir Path dir) throws Exception {
        TestCertificates ca = TestCertificates.authority(dir, "cluster-ca");
        for (int i = 0; i < 3; i++) {
            ca.issue("node_" + i);
        }
        PemTls.Identity user = ca.issue("user");
        List<Integer> ports = TestClusterFile.freePorts(6);
        List<Node> nodes = start(clusterFile(dir, List.of("node_0", "node_1", "node_2"), ports));
        try {
            SSLContext withCertificate = PemTls.context(ca.caCert(), Optional.of(user));
            try (ArakoonClient tls =
                    ArakoonClient.create(
                            client(ports, 3, CALL_DEADLINE_MILLIS).tls(withCertificate).build())) {
                tls.set(ByteString.utf8("k"), ByteString.utf8("v"));
                assertEquals("v", tls.get(ByteString.utf8("k")).toUtf8());
            }
            try (ArakoonClient plain =
                    ArakoonClient.create(client(ports, 3, REFUSED_DEADLINE_MILLIS).build())) {
                assertThrows(ArakoonException.class, () -> plain.get(ByteString.utf8("k")));
            }
            LocalCluster.Result cli =
                    LocalCluster.run(
                            "client",
                            "--config",
                            dir.resolve("cluster.toml").toString(),
                            "--tls-cert",
                            user.certificate().toString(),
                            "--tls-key",
                            user.privateKey().toString(),
                            "get",
                            "k");
            assertEquals(0, cli.code(), cli.err());
            assertEquals("v\n", cli.out());
            SSLContext noCertificate = PemTls.context(ca.caCert(), Optional.empty());
            try (ArakoonClient anonymous =
                    ArakoonClient.create(
                            client(ports, 3, REFUSED_DEADLINE_MILLIS).tls(noCertificate).build())) {
                assertThrows(ArakoonException.class, () -> anonymous.get(ByteString.utf8("k")));
            }
        } finally {
            nodes.forEach(Node::close);
        }
    }

    @Test
    void nodeWithACertificateFromAnotherCaIsLeftOut(@TempDir Path dir) throws Exception {
        TestCertificates ca = TestCertificates.authority(dir, "cluster-ca");
        ca.issue("node_0");
        ca.issue("node_1");
        TestCertificates other = TestCertificates.authority(dir, "other-ca");
        other.issue("intruder");
        PemTls.Identity user = ca.issue("user");
        List<Integer> ports = TestClusterFile.freePorts(6);
        List<Node> nodes = start(clusterFile(dir, List.of("node_0", "node_1", "intruder"), ports));
        // This client trusts both CAs, so it can ask the intruder itself.
        Path bothCas = dir.resolve("both-ca.pem");
        Files.writeString(
                bothCas,
                Files.readString(ca.caCert(), StandardCharsets.US_ASCII)
                        + Files.readString(other.caCert(), StandardCharsets.US_ASCII),
                StandardCharsets.US_ASCII);
        try (ArakoonClient client =
                ArakoonClient.create(
                        client(ports, 3, CALL_DEADLINE_MILLIS)
                                .tls(PemTls.context(bothCas, Optional.of(user)))
                                .dirtyReadNode("node_2")
                                .build())) {
            for (int i = 0; i < 10; i++) {
                client.set(ByteString.utf8("k" + i), ByteString.utf8("v" + i));
            }
            String master = client.whoMaster().orElseThrow();
            assertNotEquals("node_2", master);
            assertEquals("Stable_master", client.currentState(master));
            // The intruder answers its clients but was never sent a value.
            ArakoonClient dirty = client.withConsistency(Consistency.NO_GUARANTEES);
            assertThrows(NotFoundException.class, () -> dirty.get(ByteString.utf8("k0")));
            assertNotEquals("Stable_master", client.currentState("node_2"));
        } finally {
            nodes.forEach(Node::close);
        }
    }
}
