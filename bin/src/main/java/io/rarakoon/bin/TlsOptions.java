package io.rarakoon.bin;

import io.rarakoon.client.PemTls;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The certificate a command-line client presents to a cluster whose file says {@code
 * service_validate_peer = true}. The CA and whether to use TLS at all come from the cluster file.
 */
final class TlsOptions {
    @Option(
            names = "--tls-cert",
            paramLabel = "FILE",
            description = "PEM certificate to present when the cluster validates clients.")
    private Path cert;

    @Option(
            names = "--tls-key",
            paramLabel = "FILE",
            description = "Its unencrypted PKCS#8 PEM private key (with --tls-cert).")
    private Path key;

    /** Whether both or neither option is given. */
    boolean isComplete() {
        return (cert == null) == (key == null);
    }

    /** The certificate and key, when both are given. */
    Optional<PemTls.Identity> identity() {
        return cert == null || key == null
                ? Optional.empty()
                : Optional.of(new PemTls.Identity(cert, key));
    }
}
