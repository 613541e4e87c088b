package io.rarakoon.messenger.netty;

import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * TLS on every stream of one {@link NettyTransport}, accepted and outgoing alike. The context
 * decides what is trusted (the cluster's CA) and what this side presents (its certificate); this
 * record decides the protocol versions, the cipher suites, and whether an accepting side demands a
 * certificate from the connecting one (mutual authentication). Host names are not checked: every
 * certificate the CA signed is trusted for every node, as in Arakoon.
 *
 * @param context the JDK context, with a trust manager and, for a node, a key manager
 * @param protocols the protocol versions to enable, such as {@code ["TLSv1.3", "TLSv1.2"]}
 * @param cipherSuites the cipher suites to enable (JDK names); empty = the JDK's defaults
 * @param clientCertificateRequired whether accepted streams must present a certificate that the
 *     context trusts; outgoing streams present one whenever the context has it
 */
public record TransportTls(
        SSLContext context,
        List<String> protocols,
        List<String> cipherSuites,
        boolean clientCertificateRequired) {

    /**
     * Copies the lists and checks that the JDK supports them.
     *
     * @throws IllegalArgumentException naming a protocol or cipher suite the JDK does not offer, or
     *     when no protocol is given
     */
    public TransportTls {
        protocols = List.copyOf(protocols);
        cipherSuites = List.copyOf(cipherSuites);
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("no TLS protocol version enabled");
        }
        configure(context.createSSLEngine(), false, protocols, cipherSuites, false);
    }

    /** A new engine for one stream; {@code clientMode} for the side that connected. */
    SSLEngine engine(boolean clientMode) {
        return configure(
                context.createSSLEngine(),
                clientMode,
                protocols,
                cipherSuites,
                clientCertificateRequired);
    }

    private static SSLEngine configure(
            SSLEngine engine,
            boolean clientMode,
            List<String> protocols,
            List<String> cipherSuites,
            boolean clientCertificateRequired) {
        engine.setUseClientMode(clientMode);
        engine.setEnabledProtocols(protocols.toArray(String[]::new));
        if (!cipherSuites.isEmpty()) {
            engine.setEnabledCipherSuites(cipherSuites.toArray(String[]::new));
        }
        if (!clientMode) {
            engine.setNeedClientAuth(clientCertificateRequired);
        }
        return engine;
    }
}
