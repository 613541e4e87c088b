package io.rarakoon.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds a JDK {@link SSLContext} from the PEM files of a cluster: the cluster's CA certificate,
 * which is the only thing it trusts, and optionally one certificate chain with its unencrypted
 * PKCS#8 private key ({@code -----BEGIN PRIVATE KEY-----}, what {@code openssl genpkey} and {@code
 * openssl req -nodes} write), presented when the other side asks for one. Nodes use it for their
 * ports, clients for their connections. Stateless; any thread.
 */
public final class PemTls {
    private static final String KEY_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String KEY_END = "-----END PRIVATE KEY-----";
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448");

    /** Largest PEM file read, in bytes: certificates and keys are a few KiB. */
    private static final long PEM_BYTES_MAX = 1024 * 1024;

    private PemTls() {}

    /**
     * A certificate chain (leaf first) and its private key.
     *
     * @param certificate PEM file holding the certificate, then any intermediates
     * @param privateKey PEM file holding the unencrypted PKCS#8 private key
     */
    public record Identity(Path certificate, Path privateKey) {}

    /**
     * Loads the files and builds the context.
     *
     * @param caCert PEM file of the CA (one or more certificates) that peers must chain to
     * @param identity what this side presents, or empty for a client that has no certificate
     * @throws IOException naming the file that is missing, too large, or not the PEM it should be
     */
    public static SSLContext context(Path caCert, Optional<Identity> identity) throws IOException {
        try {
            TrustManagerFactory trust =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore(caCert));
            KeyManager[] keys = null;
            if (identity.isPresent()) {
                KeyManagerFactory factory =
                        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(keyStore(identity.get()), new char[0]);
                keys = factory.getKeyManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot build a TLS context from " + caCert + ": " + e, e);
        }
    }

    private static KeyStore trustStore(Path caCert) throws IOException, GeneralSecurityException {
        Collection<? extends Certificate> authorities = certificates(caCert);
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int i = 0;
        for (Certificate authority : authorities) {
            store.setCertificateEntry("ca-" + i++, authority);
        }
        return store;
    }

    private static KeyStore keyStore(Identity identity)
            throws IOException, GeneralSecurityException {
        Certificate[] chain = certificates(identity.certificate()).toArray(Certificate[]::new);
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setKeyEntry("self", privateKey(identity.privateKey()), new char[0], chain);
        return store;
    }

    private static Collection<? extends Certificate> certificates(Path file)
            throws IOException, GeneralSecurityException {
        try (InputStream in = new ByteArrayInputStream(read(file))) {
            Collection<? extends Certificate> certificates =
                    CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IOException(file + " holds no PEM certificate");
            }
            return certificates;
        } catch (java.security.cert.CertificateException e) {
            throw new IOException(file + " is not a PEM certificate file: " + e.getMessage(), e);
        }
    }

    private static PrivateKey privateKey(Path file) throws IOException {
        String text = new String(read(file), StandardCharsets.US_ASCII);
        int begin = text.indexOf(KEY_BEGIN);
        int end = text.indexOf(KEY_END);
        if (begin < 0 || end < begin) {
            throw new IOException(
                    file
                            + " holds no unencrypted PKCS#8 key ("
                            + KEY_BEGIN
                            + " ... "
                            + KEY_END
                            + "); convert it with: openssl pkcs8 -topk8 -nocrypt");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(text.substring(begin + KEY_BEGIN.length(), end));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": bad base64 in the private key", e);
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        // The PKCS#8 header names the algorithm, but the JDK makes us try each factory.
        GeneralSecurityException last = null;
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException notThisAlgorithm) {
                last = notThisAlgorithm;
            }
        }
        throw new IOException(
                file + ": private key is not one of " + String.join(", ", KEY_ALGORITHMS), last);
    }

    private static byte[] read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > PEM_BYTES_MAX) {
            throw new IOException(
                    file + ": size " + size + " exceeds pemBytesMax " + PEM_BYTES_MAX);
        }
        return Files.readAllBytes(file);
    }
}
