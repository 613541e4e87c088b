package io.rarakoon.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading a cluster's PEM files, made by openssl into a temporary folder: a CA with a certificate
 * and its PKCS#8 key build a context; a key in OpenSSL's traditional form, a missing file and a
 * file that is not PEM are refused with the file's name (and the conversion command for the key).
 */
class PemTlsTest {
    @TempDir Path folder;

    @Test
    void buildsAContextFromACaACertificateAndItsKey() throws IOException {
        TestCertificates ca = TestCertificates.authority(folder, "ca");
        SSLContext context = PemTls.context(ca.caCert(), Optional.of(ca.issue("node_0")));
        assertEquals("TLS", context.getProtocol());
        assertEquals("TLS", PemTls.context(ca.caCert(), Optional.empty()).getProtocol());
    }

    @Test
    void refusesAKeyInTheTraditionalFormNamingTheConversion() throws Exception {
        TestCertificates ca = TestCertificates.authority(folder, "ca");
        PemTls.Identity node = ca.issue("node_0");
        Path traditional = folder.resolve("traditional.key");
        Process convert =
                new ProcessBuilder(
                                "openssl",
                                "pkey",
                                "-in",
                                node.privateKey().toString(),
                                "-traditional",
                                "-out",
                                traditional.toString())
                        .redirectErrorStream(true)
                        .start();
        assertTrue(convert.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, convert.exitValue());
        IOException refused =
                assertThrows(
                        IOException.class,
                        () ->
                                PemTls.context(
                                        ca.caCert(),
                                        Optional.of(
                                                new PemTls.Identity(
                                                        node.certificate(), traditional))));
        assertTrue(
                refused.getMessage().contains("openssl pkcs8 -topk8 -nocrypt"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains(traditional.toString()), refused.getMessage());
    }

    @Test
    void refusesMissingAndNonPemFilesNamingThem() throws IOException {
        Path missing = folder.resolve("missing.pem");
        IOException absent =
                assertThrows(IOException.class, () -> PemTls.context(missing, Optional.empty()));
        assertTrue(absent.getMessage().contains("missing.pem"), absent.getMessage());
        Path text = folder.resolve("text.pem");
        Files.writeString(text, "not a certificate\n", StandardCharsets.US_ASCII);
        IOException garbage =
                assertThrows(IOException.class, () -> PemTls.context(text, Optional.empty()));
        assertTrue(garbage.getMessage().contains("text.pem"), garbage.getMessage());
    }
}
