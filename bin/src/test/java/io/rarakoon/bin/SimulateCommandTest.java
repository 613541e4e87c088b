package io.rarakoon.bin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * {@code rarakoon simulate} through Main with captured output: two small seeds print one summary
 * line each and the final count with exit code 0; a bad cluster size is a usage error.
 */
class SimulateCommandTest {

    @Test
    void runsSeedsAndCountsThem() {
        StringWriter out = new StringWriter();
        int code =
                Main.run(
                        new PrintWriter(out, true),
                        new PrintWriter(new StringWriter(), true),
                        "simulate",
                        "--seeds",
                        "2",
                        "--first-seed",
                        "0x10",
                        "--ops",
                        "50");
        assertEquals(0, code, out.toString());
        assertTrue(out.toString().contains("seed 0x10 PASS"), out.toString());
        assertTrue(out.toString().contains("seed 0x11 PASS"), out.toString());
        assertTrue(out.toString().contains("2 passed, 0 failed"), out.toString());
    }

    @Test
    void refusesAClusterSizeItCannotSimulate() {
        StringWriter err = new StringWriter();
        int code =
                Main.run(
                        new PrintWriter(new StringWriter(), true),
                        new PrintWriter(err, true),
                        "simulate",
                        "--seed",
                        "1",
                        "--nodes",
                        "4");
        assertEquals(2, code);
        assertTrue(err.toString().contains("nodeCount 4"), err.toString());
    }
}
