package io.rarakoon.node;

import io.rarakoon.client.protocol.Command;
import java.util.List;
import java.util.Optional;

/**
 * Arakoon's per-operation statistics ({@code set_info}, {@code get_info}, ... {@code op_info}): for
 * each group, how many client requests were answered OK and the min, max, mean and variance of
 * their latency in seconds. Any thread records; readers get each group's figures whole.
 */
final class OperationTimes {
    /** One group's figures; latencies in seconds, variance of the population. */
    record Summary(String name, long count, double min, double max, double mean, double variance) {}

    private final Group set = new Group("set_info");
    private final Group get = new Group("get_info");
    private final Group delete = new Group("del_info");
    private final Group sequence = new Group("seq_info");
    private final Group multiGet = new Group("mget_info");
    private final Group testAndSet = new Group("tas_info");
    private final Group any = new Group("op_info");

    /** Records an OK answer to {@code command} after {@code nanos}; every command counts in op. */
    void record(Command command, long nanos) {
        double seconds = nanos / 1e9;
        groupOf(command).ifPresent(group -> group.add(seconds));
        any.add(seconds);
    }

    /** Every group, in Arakoon's order. */
    List<Summary> summaries() {
        return List.of(
                set.summary(),
                get.summary(),
                delete.summary(),
                sequence.summary(),
                multiGet.summary(),
                testAndSet.summary(),
                any.summary());
    }

    private Optional<Group> groupOf(Command command) {
        switch (command) {
            case SET:
                return Optional.of(set);
            case GET:
                return Optional.of(get);
            case DELETE:
                return Optional.of(delete);
            case SEQUENCE:
            case SYNCED_SEQUENCE:
                return Optional.of(sequence);
            case MULTI_GET:
            case MULTI_GET_OPTION:
                return Optional.of(multiGet);
            case TEST_AND_SET:
                return Optional.of(testAndSet);
            default:
                return Optional.empty();
        }
    }

    /** Welford's running mean and variance, so the figures stay exact over many samples. */
    private static final class Group {
        private final String name;
        private long count;
        private double min;
        private double max;
        private double mean;
        private double squaredDistances;

        Group(String name) {
            this.name = name;
        }

        synchronized void add(double seconds) {
            count++;
            min = count == 1 ? seconds : Math.min(min, seconds);
            max = count == 1 ? seconds : Math.max(max, seconds);
            double delta = seconds - mean;
            mean += delta / count;
            squaredDistances += delta * (seconds - mean);
        }

        synchronized Summary summary() {
            double variance = count == 0 ? 0 : squaredDistances / count;
            return new Summary(name, count, min, max, mean, variance);
        }
    }
}
