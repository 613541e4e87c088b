package io.rarakoon.node;

import io.rarakoon.client.PemTls;
import io.rarakoon.messenger.netty.TransportTls;
import io.rarakoon.node.config.ClusterConfig;
import io.rarakoon.node.config.NodeConfig;
import io.rarakoon.node.config.TlsConfig;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * The TLS of a node's two ports, from the cluster file's {@code [tls]} section and the node's
 * certificate: the messaging port always authenticates both sides against the cluster's CA when the
 * section is present; the client port speaks TLS only with {@code service = true}, and asks clients
 * for certificates only with {@code service_validate_peer = true}.
 *
 * @param messaging the TLS of the messaging port, empty without {@code [tls]}
 * @param clients the TLS of the client port, empty unless {@code service = true}
 */
record NodeTls(Optional<TransportTls> messaging, Optional<TransportTls> clients) {

    /**
     * Reads the CA, the node's certificate and key.
     *
     * @throws IOException naming the file that cannot be read or parsed
     * @throws IllegalArgumentException if the version or a cipher suite is not offered by the JDK,
     *     or {@code [tls]} is present but the node has no certificate (the loader refuses both)
     */
    static NodeTls of(ClusterConfig cluster, NodeConfig node) throws IOException {
        if (cluster.tls().isEmpty()) {
            return new NodeTls(Optional.empty(), Optional.empty());
        }
        TlsConfig tls = cluster.tls().get();
        if (node.tlsCert().isEmpty() || node.tlsKey().isEmpty()) {
            throw new IllegalArgumentException(
                    "node " + node.name() + " has no tls_cert and tls_key, which [tls] needs");
        }
        SSLContext context =
                PemTls.context(
                        tls.caCert(),
                        Optional.of(
                                new PemTls.Identity(node.tlsCert().get(), node.tlsKey().get())));
        List<String> protocols = protocols(tls.version());
        List<String> ciphers = cipherSuites(tls.cipherList());
        TransportTls messaging = new TransportTls(context, protocols, ciphers, true);
        Optional<TransportTls> clients =
                tls.service()
                        ? Optional.of(
                                new TransportTls(
                                        context, protocols, ciphers, tls.serviceValidatePeer()))
                        : Optional.empty();
        return new NodeTls(Optional.of(messaging), clients);
    }

    /** {@code version} is the oldest version accepted; newer ones are always offered too. */
    static List<String> protocols(String version) {
        return version.equals("1.3") ? List.of("TLSv1.3") : List.of("TLSv1.3", "TLSv1.2");
    }

    /** Cipher suites are separated by colons (as in OpenSSL's lists) or commas. */
    static List<String> cipherSuites(String cipherList) {
        return Arrays.stream(cipherList.split("[:,]"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
