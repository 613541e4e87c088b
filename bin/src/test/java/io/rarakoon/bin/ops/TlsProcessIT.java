package io.rarakoon.bin.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rarakoon.bin.ops.ProcessCluster.CliResult;
import io.rarakoon.client.ArakoonClient;
import io.rarakoon.client.NotFoundException;
import io.rarakoon.client.PemTls;
import io.rarakoon.client.TestCertificates;
import io.rarakoon.client.protocol.ByteString;
import io.rarakoon.client.protocol.Consistency;
import io.rarakoon.client.protocol.RequestEncoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/**
 * TLS with node processes of the built jar ({@link ProcessCluster}, certificates made by openssl
 * into the cluster's folder): node_0 and node_1 hold certificates of the cluster's CA, node_2 one
 * of another CA. The two elect a master over TLS and serve a TLS client with a certificate, the
 * Java client and the command line alike; node_2 is refused (its peers log why) and is never sent a
 * value; plaintext sent to a client port is refused with a WARN line in that node's log. Every wait
 * is bounded by the fixture; data and logs stay in {@code bin/target/ops-tls-*}.
 */
class TlsProcessIT {

    @Test
    void membersOfOneCaServeTlsClientsAndRefuseAnotherCaAndPlaintext() throws Exception {
        ProcessCluster.Builder builder =
                ProcessCluster.builder("tls", 3)
                        .sections(
                                "[tls]\nca_cert = \"cluster-ca.pem\"\nservice = true\n"
                                        + "service_validate_peer = true\n");
        for (int i = 0; i < 3; i++) {
            builder.nodeKeys(
                    i, "tls_cert = \"node_" + i + ".pem\"\ntls_key = \"node_" + i + ".key\"\n");
        }
        try (ProcessCluster cluster = builder.build()) {
            Path folder = cluster.folder();
            TestCertificates ca = TestCertificates.authority(folder, "cluster-ca");
            ca.issue("node_0");
            ca.issue("node_1");
            TestCertificates other = TestCertificates.authority(folder, "other-ca");
            other.issue("node_2");
            PemTls.Identity user = ca.issue("user");
            Path bothCas = folder.resolve("both-ca.pem");
            Files.writeString(
                    bothCas,
                    Files.readString(ca.caCert(), StandardCharsets.US_ASCII)
                            + Files.readString(other.caCert(), StandardCharsets.US_ASCII),
                    StandardCharsets.US_ASCII);
            SSLContext tls = PemTls.context(bothCas, Optional.of(user));
            cluster.startAll();
            for (String node : cluster.nodes()) {
                cluster.awaitServing(node);
            }
            try (ArakoonClient client =
                    ArakoonClient.create(
                            cluster.clientConfig().tls(tls).dirtyReadNode("node_2").build())) {
                for (int i = 0; i < 20; i++) {
                    client.set(ByteString.utf8("k" + i), ByteString.utf8("v" + i));
                }
                assertNotEquals("node_2", client.whoMaster().orElseThrow());
                ArakoonClient dirty = client.withConsistency(Consistency.NO_GUARANTEES);
                assertThrows(NotFoundException.class, () -> dirty.get(ByteString.utf8("k0")));
            }
            CliResult get =
                    cluster.clientCli(
                            "--tls-cert",
                            user.certificate().toString(),
                            "--tls-key",
                            user.privateKey().toString(),
                            "get",
                            "k7");
            assertEquals(0, get.exitCode(), get.toString());
            assertEquals("v7\n", get.out());

            int clientPort = cluster.clientConfig().build().node("node_0").orElseThrow().port();
            try (Socket plain = new Socket("127.0.0.1", clientPort)) {
                plain.getOutputStream()
                        .write(RequestEncoder.encodePrologue(ByteString.utf8("ops")));
                plain.getOutputStream().flush();
                plain.setSoTimeout((int) ProcessCluster.WAIT_MILLIS_MAX);
                plain.getInputStream().readAllBytes();
            }
            cluster.awaitTrue(
                    "the plaintext refusal in node_0's log",
                    () -> logContains(cluster, "node_0", "it sent plaintext to a TLS port"));
            cluster.awaitTrue(
                    "node_0 refusing node_2's certificate",
                    () -> logContains(cluster, "node_0", "TLS handshake failed"));
        }
    }

    private static boolean logContains(ProcessCluster cluster, String node, String text) {
        try {
            return cluster.log(node).contains(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
