package io.rarakoon.bin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The command line answers --help and --version with exit code 0, and a bad option with 2. */
class MainTest {

    @Test
    void helpExitsZero() {
        assertEquals(0, Main.run("--help"));
    }

    @Test
    void versionExitsZero() {
        assertEquals(0, Main.run("--version"));
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertEquals(2, Main.run("--no-such-option"));
    }
}
