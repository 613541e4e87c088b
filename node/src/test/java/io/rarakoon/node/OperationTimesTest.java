package io.rarakoon.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rarakoon.client.protocol.Command;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Arakoon's *_info figures: counts per group, op counting everything, exact min/max/mean/var. */
class OperationTimesTest {
    @Test
    void groupsCountTheirCommandsAndOpCountsAll() {
        OperationTimes times = new OperationTimes();
        times.record(Command.SET, 1_000_000_000L);
        times.record(Command.SET, 3_000_000_000L);
        times.record(Command.SYNCED_SEQUENCE, 2_000_000_000L);
        times.record(Command.NOP, 2_000_000_000L);

        List<OperationTimes.Summary> summaries = times.summaries();

        assertEquals(
                List.of(
                        "set_info",
                        "get_info",
                        "del_info",
                        "seq_info",
                        "mget_info",
                        "tas_info",
                        "op_info"),
                summaries.stream().map(OperationTimes.Summary::name).toList());
        assertEquals(
                new OperationTimes.Summary("set_info", 2, 1.0, 3.0, 2.0, 1.0), summaries.get(0));
        assertEquals(new OperationTimes.Summary("get_info", 0, 0, 0, 0, 0), summaries.get(1));
        assertEquals(1, summaries.get(3).count());
        assertEquals(
                new OperationTimes.Summary("op_info", 4, 1.0, 3.0, 2.0, 0.5), summaries.get(6));
    }
}
