package io.rarakoon.node.config;

import java.nio.file.Path;

/**
 * TLS between nodes, and optionally on client ports ({@code [tls]}).
 *
 * @param caCert the cluster's certificate authority
 * @param service whether client ports require TLS too
 * @param serviceValidatePeer whether client certificates are required and verified
 * @param version "1.2" or "1.3"
 * @param cipherList cipher suites, empty for the JDK's defaults
 */
public record TlsConfig(
        Path caCert,
        boolean service,
        boolean serviceValidatePeer,
        String version,
        String cipherList) {}
