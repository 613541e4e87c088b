package io.rarakoon.wire;

import java.util.HexFormat;

/** A short, log-safe rendering of a byte array: its size and at most its first 16 bytes. */
final class Preview {
    private static final int PREVIEW_BYTES_MAX = 16;

    private Preview() {}

    static String of(byte[] bytes) {
        int shown = Math.min(bytes.length, PREVIEW_BYTES_MAX);
        String hex = HexFormat.of().formatHex(bytes, 0, shown);
        return bytes.length + " bytes " + hex + (shown < bytes.length ? "…" : "");
    }
}
