package io.rarakoon.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Makes a certificate authority and certificates it signs, with openssl (3.0 or later) into a
 * test's folder, following the recipe of docs/security.md: EC P-256 keys, unencrypted PKCS#8. No
 * key is ever committed: each test run makes its own. Each call waits at most a minute.
 */
public final class TestCertificates {
    private static final long OPENSSL_SECONDS_MAX = 60;

    private final Path folder;
    private final String caName;

    private TestCertificates(Path folder, String caName) {
        this.folder = folder;
        this.caName = caName;
    }

    /** Creates {@code folder/<caName>.pem} and its key: a CA valid for a day. */
    public static TestCertificates authority(Path folder, String caName) throws IOException {
        TestCertificates ca = new TestCertificates(folder, caName);
        ca.openssl(
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-keyout",
                caName + ".key",
                "-out",
                caName + ".pem",
                "-days",
                "1",
                "-subj",
                "/CN=" + caName,
                "-addext",
                "basicConstraints=critical,CA:TRUE",
                "-addext",
                "keyUsage=critical,keyCertSign,cRLSign");
        return ca;
    }

    /** The CA's certificate file. */
    public Path caCert() {
        return folder.resolve(caName + ".pem");
    }

    /** Creates {@code folder/<name>.pem} and {@code <name>.key}, signed by this CA. */
    public PemTls.Identity issue(String name) throws IOException {
        openssl(
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-keyout",
                name + ".key",
                "-out",
                name + ".pem",
                "-days",
                "1",
                "-subj",
                "/CN=" + name,
                "-CA",
                caName + ".pem",
                "-CAkey",
                caName + ".key",
                "-addext",
                "basicConstraints=critical,CA:FALSE",
                "-addext",
                "extendedKeyUsage=serverAuth,clientAuth");
        return new PemTls.Identity(folder.resolve(name + ".pem"), folder.resolve(name + ".key"));
    }

    private void openssl(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process =
                new ProcessBuilder(command)
                        .directory(folder.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(folder.resolve("openssl.log").toFile())
                        .start();
        try {
            if (!process.waitFor(OPENSSL_SECONDS_MAX, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("openssl did not finish: " + command);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException(
                    "openssl failed: "
                            + command
                            + "\n"
                            + Files.readString(
                                    folder.resolve("openssl.log"), StandardCharsets.UTF_8));
        }
    }
}
