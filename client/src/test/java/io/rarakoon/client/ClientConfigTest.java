package io.rarakoon.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rarakoon.client.protocol.Consistency;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Validation of {@link ClientConfig}: every problem is named in one exception. */
class ClientConfigTest {
    @Test
    void buildsWithDefaults() {
        ClientConfig config = ClientConfig.builder("arakoon").node("n0", "localhost", 4000).build();
        assertEquals(60_000, config.deadlineMillis());
        assertEquals(Consistency.CONSISTENT, config.consistency());
        assertEquals(Optional.empty(), config.dirtyReadNode());
        assertEquals("localhost", config.node("n0").orElseThrow().host());
    }

    @Test
    void reportsEveryProblemTogether() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                ClientConfig.builder("arakoon")
                                        .node("n0", "h", 1)
                                        .node("n0", "h", 2)
                                        .dirtyReadNode("n9")
                                        .deadlineMillis(0)
                                        .backoffMillisMin(5_000)
                                        .build());
        assertEquals(
                "bad client config: node n0 configured twice; dirty read node n9 is not"
                        + " configured; deadlineMillis 0 not in 1..2147483647;"
                        + " backoffMillisMin 5000 not in 0..2000",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ClientConfig.builder("").build());
        assertThrows(
                IllegalArgumentException.class,
                () -> ClientConfig.builder("a").node("n", "h", 70_000));
    }
}
