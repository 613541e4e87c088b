package io.rarakoon.wal;

/** What a WAL file holds; stored in its header so a renamed file cannot pass for another kind. */
enum FileKind {
    PLAIN_SEGMENT(1),
    COMPRESSED_SEGMENT(2),
    HEAD(3);

    final int code;

    FileKind(int code) {
        this.code = code;
    }
}
