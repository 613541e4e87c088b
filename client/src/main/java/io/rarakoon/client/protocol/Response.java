package io.rarakoon.client.protocol;

import java.util.List;
import java.util.Optional;

/**
 * A typed response. Lists hold the logical result (ascending for RANGE, descending for
 * REV_RANGE_ENTRIES, aligned with the request's keys for MULTI_GET); the codec applies each
 * command's wire order (spec §2.5). Which success record fits which command is fixed by {@link
 * Command#shape()}.
 */
public sealed interface Response {
    /**
     * Any non-zero result code with its message (spec §5.1). NO_MAGIC carries no message on the
     * wire, so it decodes with an empty one.
     *
     * @param code the result code
     * @param message the server's message
     */
    record Failure(ResultCode code, ByteString message) implements Response {}

    /** Success without payload (shape EMPTY). */
    record Done() implements Response {}

    /**
     * Shape STRING.
     *
     * @param value the string
     */
    record Text(ByteString value) implements Response {}

    /**
     * Shape OPTIONAL_STRING.
     *
     * @param value the option
     */
    record MaybeText(Optional<ByteString> value) implements Response {}

    /**
     * Shape BOOL.
     *
     * @param value the bool
     */
    record Flag(boolean value) implements Response {}

    /**
     * Shape STRING_LIST: keys of RANGE and PREFIX_KEYS (ascending), values of MULTI_GET (in the
     * request's key order).
     *
     * @param values the strings in logical order
     */
    record Texts(List<ByteString> values) implements Response {
        /** Copies the list so the record stays immutable. */
        public Texts {
            values = List.copyOf(values);
        }
    }

    /**
     * Shape ENTRY_LIST, in logical order.
     *
     * @param entries the entries
     */
    record Entries(List<Entry> entries) implements Response {
        /** Copies the list so the record stays immutable. */
        public Entries {
            entries = List.copyOf(entries);
        }
    }

    /**
     * Shape OPTIONAL_LIST, in the request's key order.
     *
     * @param values one option per requested key
     */
    record MaybeTexts(List<Optional<ByteString>> values) implements Response {
        /** Copies the list so the record stays immutable. */
        public MaybeTexts {
            values = List.copyOf(values);
        }
    }

    /**
     * Shapes INT32 (DELETE_PREFIX) and INT64 (GET_KEY_COUNT).
     *
     * @param value the count
     */
    record Count(long value) implements Response {}

    /**
     * Shape VERSION.
     *
     * @param major the major version
     * @param minor the minor version
     * @param patch the patch version
     * @param info free text (1.8: revision, compile time, machine)
     */
    record Version(int major, int minor, int patch, ByteString info) implements Response {}

    /**
     * Shape TXID: the node's store stamp, sent as At_least (tag 02 + i64).
     *
     * @param stamp the stamp; feed it back with {@link Consistency#atLeast(long)}
     */
    record Txid(long stamp) implements Response {}

    /**
     * Shape STATISTICS.
     *
     * @param statistics the top-level named value ({@code arakoon_stats} in Arakoon)
     */
    record Statistics(NamedValue statistics) implements Response {}

    /**
     * Shape INTERVAL.
     *
     * @param interval the interval
     */
    record IntervalValue(Interval interval) implements Response {}

    /**
     * Shape ROUTING.
     *
     * @param routing the tree
     */
    record Routing(RoutingTree routing) implements Response {}

    /**
     * Shape NURSERY_CONFIG.
     *
     * @param routing the tree
     * @param clusters the clusters' configurations
     */
    record NurseryConfig(RoutingTree routing, List<NurseryCluster> clusters) implements Response {
        /** Copies the list so the record stays immutable. */
        public NurseryConfig {
            clusters = List.copyOf(clusters);
        }
    }

    /**
     * Shape DB_STREAM: the header; exactly {@code lengthBytes} raw bytes follow it.
     *
     * @param lengthBytes the length of the database file
     */
    record DbHeader(long lengthBytes) implements Response {}

    /**
     * Shape COLLAPSE: the first frame; {@code frameCount} progress frames follow, each decoded with
     * {@link ResponseDecoder#decodeCollapseProgress}.
     *
     * @param frameCount the number of progress frames that follow
     */
    record CollapseStarted(int frameCount) implements Response {}

    /** Shape STREAM: rc 0 was read; the catch-up parts that follow are the caller's to read. */
    record StreamStarted() implements Response {}

    /**
     * Shape HOOK: nothing was read; the hook-defined bytes that follow are the caller's to read.
     */
    record HookStarted() implements Response {}
}
