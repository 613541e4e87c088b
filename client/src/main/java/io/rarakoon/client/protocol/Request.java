package io.rarakoon.client.protocol;

import java.util.List;
import java.util.Optional;

/**
 * A typed client request, one record per command (spec §7). Lists hold logical order; the codec
 * applies each command's wire order.
 */
public sealed interface Request {
    /** Returns the request's command. */
    Command command();

    /** A read that carries the client's consistency, which decides where it may be served. */
    sealed interface Read extends Request {
        /** Returns the consistency the client asked for. */
        Consistency consistency();
    }

    /**
     * PING: hello: answers the server's version string.
     *
     * @param clientId free text, only logged
     * @param clusterId the cluster the client means
     */
    record Ping(ByteString clientId, ByteString clusterId) implements Request {
        @Override
        public Command command() {
            return Command.PING;
        }
    }

    /** WHO_MASTER: asks which master this node knows of. */
    record WhoMaster() implements Request {
        @Override
        public Command command() {
            return Command.WHO_MASTER;
        }
    }

    /**
     * EXISTS: tests whether a key exists.
     *
     * @param consistency the read's consistency
     * @param key the key
     */
    record Exists(Consistency consistency, ByteString key) implements Read {
        @Override
        public Command command() {
            return Command.EXISTS;
        }
    }

    /**
     * GET: reads a value.
     *
     * @param consistency the read's consistency
     * @param key the key
     */
    record Get(Consistency consistency, ByteString key) implements Read {
        @Override
        public Command command() {
            return Command.GET;
        }
    }

    /**
     * SET: writes a value.
     *
     * @param key the key
     * @param value the value
     */
    record Set(ByteString key, ByteString value) implements Request {
        @Override
        public Command command() {
            return Command.SET;
        }
    }

    /**
     * DELETE: deletes a key (NOT_FOUND if absent).
     *
     * @param key the key
     */
    record Delete(ByteString key) implements Request {
        @Override
        public Command command() {
            return Command.DELETE;
        }
    }

    /**
     * RANGE: lists keys in ascending order.
     *
     * @param consistency the read's consistency
     * @param query bounds and limit
     */
    record Range(Consistency consistency, RangeQuery query) implements Read {
        @Override
        public Command command() {
            return Command.RANGE;
        }
    }

    /**
     * PREFIX_KEYS: lists keys with a prefix.
     *
     * @param consistency the read's consistency
     * @param prefix the prefix
     * @param max at most this many keys; negative = unlimited
     */
    record PrefixKeys(Consistency consistency, ByteString prefix, int max) implements Read {
        @Override
        public Command command() {
            return Command.PREFIX_KEYS;
        }
    }

    /**
     * TEST_AND_SET: sets {@code wanted} if the key holds {@code expected}; answers the previous
     * value.
     *
     * @param key the key
     * @param expected the value the key must hold (empty = absent)
     * @param wanted the new value (empty = delete)
     */
    record TestAndSet(ByteString key, Optional<ByteString> expected, Optional<ByteString> wanted)
            implements Request {
        @Override
        public Command command() {
            return Command.TEST_AND_SET;
        }
    }

    /**
     * LAST_ENTRIES: deprecated catch-up stream.
     *
     * @param startIndex the first log index wanted
     */
    record LastEntries(long startIndex) implements Request {
        @Override
        public Command command() {
            return Command.LAST_ENTRIES;
        }
    }

    /**
     * RANGE_ENTRIES: lists entries in ascending key order.
     *
     * @param consistency the read's consistency
     * @param query bounds and limit
     */
    record RangeEntries(Consistency consistency, RangeQuery query) implements Read {
        @Override
        public Command command() {
            return Command.RANGE_ENTRIES;
        }
    }

    /**
     * SEQUENCE: applies steps atomically (wrapped on the wire as a string holding a tag-5 update).
     *
     * @param steps the steps, in execution order
     */
    record Sequence(List<Update> steps) implements Request {
        /** Copies the lists so the record stays immutable. */
        public Sequence {
            steps = List.copyOf(steps);
        }

        @Override
        public Command command() {
            return Command.SEQUENCE;
        }
    }

    /**
     * MULTI_GET: reads several values (NOT_FOUND if any is absent).
     *
     * @param consistency the read's consistency
     * @param keys the keys
     */
    record MultiGet(Consistency consistency, List<ByteString> keys) implements Read {
        /** Copies the lists so the record stays immutable. */
        public MultiGet {
            keys = List.copyOf(keys);
        }

        @Override
        public Command command() {
            return Command.MULTI_GET;
        }
    }

    /** EXPECT_PROGRESS_POSSIBLE: asks whether a write could succeed now. */
    record ExpectProgressPossible() implements Request {
        @Override
        public Command command() {
            return Command.EXPECT_PROGRESS_POSSIBLE;
        }
    }

    /** STATISTICS: asks for the node's statistics. */
    record Statistics() implements Request {
        @Override
        public Command command() {
            return Command.STATISTICS;
        }
    }

    /**
     * COLLAPSE_TLOGS: collapses old tlogs into the head database.
     *
     * @param tlogsToKeep how many tlog files to keep (at least 1)
     */
    record CollapseTlogs(int tlogsToKeep) implements Request {
        @Override
        public Command command() {
            return Command.COLLAPSE_TLOGS;
        }
    }

    /**
     * USER_FUNCTION: runs a registered user function through consensus.
     *
     * @param name the function's name
     * @param argument its argument
     */
    record UserFunction(ByteString name, Optional<ByteString> argument) implements Request {
        @Override
        public Command command() {
            return Command.USER_FUNCTION;
        }
    }

    /**
     * ASSERT: asserts a key's value (ASSERTION_FAILED otherwise).
     *
     * @param consistency the read's consistency
     * @param key the key
     * @param expected the value (empty = absent)
     */
    record Assert(Consistency consistency, ByteString key, Optional<ByteString> expected)
            implements Read {
        @Override
        public Command command() {
            return Command.ASSERT;
        }
    }

    /**
     * SET_INTERVAL: sets the node's interval.
     *
     * @param interval the interval
     */
    record SetInterval(Interval interval) implements Request {
        @Override
        public Command command() {
            return Command.SET_INTERVAL;
        }
    }

    /** GET_ROUTING: reads the nursery routing tree. */
    record GetRouting() implements Request {
        @Override
        public Command command() {
            return Command.GET_ROUTING;
        }
    }

    /**
     * SET_ROUTING: writes the nursery routing tree.
     *
     * @param routing the tree
     */
    record SetRouting(RoutingTree routing) implements Request {
        @Override
        public Command command() {
            return Command.SET_ROUTING;
        }
    }

    /** GET_KEY_COUNT: counts the user keys. */
    record GetKeyCount() implements Request {
        @Override
        public Command command() {
            return Command.GET_KEY_COUNT;
        }
    }

    /** GET_DB: streams the node's database file (refused on the master). */
    record GetDb() implements Request {
        @Override
        public Command command() {
            return Command.GET_DB;
        }
    }

    /**
     * CONFIRM: sets a value unless the key already holds it.
     *
     * @param key the key
     * @param value the value
     */
    record Confirm(ByteString key, ByteString value) implements Request {
        @Override
        public Command command() {
            return Command.CONFIRM;
        }
    }

    /**
     * GET_FRINGE: reads entries beyond a boundary (nursery migration).
     *
     * @param boundary the boundary (empty = none)
     * @param direction 0 = upper bound, anything else = lower bound
     */
    record GetFringe(Optional<ByteString> boundary, int direction) implements Request {
        @Override
        public Command command() {
            return Command.GET_FRINGE;
        }
    }

    /** GET_INTERVAL: reads the node's interval. */
    record GetInterval() implements Request {
        @Override
        public Command command() {
            return Command.GET_INTERVAL;
        }
    }

    /**
     * SET_NURSERY_CONFIG: stores a cluster's client configuration.
     *
     * @param clusterId the cluster
     * @param nodes its nodes
     */
    record SetNurseryConfig(ByteString clusterId, List<NodeAddress> nodes) implements Request {
        /** Copies the lists so the record stays immutable. */
        public SetNurseryConfig {
            nodes = List.copyOf(nodes);
        }

        @Override
        public Command command() {
            return Command.SET_NURSERY_CONFIG;
        }
    }

    /** GET_NURSERY_CONFIG: reads the nursery configuration. */
    record GetNurseryConfig() implements Request {
        @Override
        public Command command() {
            return Command.GET_NURSERY_CONFIG;
        }
    }

    /**
     * SET_ROUTING_DELTA: inserts a separator into the routing tree.
     *
     * @param left the left cluster id
     * @param separator the separator
     * @param right the right cluster id
     */
    record SetRoutingDelta(ByteString left, ByteString separator, ByteString right)
            implements Request {
        @Override
        public Command command() {
            return Command.SET_ROUTING_DELTA;
        }
    }

    /**
     * MIGRATE_RANGE: sets the interval and applies steps atomically.
     *
     * @param interval the new interval
     * @param steps the steps
     */
    record MigrateRange(Interval interval, List<Update> steps) implements Request {
        /** Copies the lists so the record stays immutable. */
        public MigrateRange {
            steps = List.copyOf(steps);
        }

        @Override
        public Command command() {
            return Command.MIGRATE_RANGE;
        }
    }

    /**
     * REV_RANGE_ENTRIES: lists entries in descending key order; {@code first} is the high end.
     *
     * @param consistency the read's consistency
     * @param query bounds and limit
     */
    record RevRangeEntries(Consistency consistency, RangeQuery query) implements Read {
        @Override
        public Command command() {
            return Command.REV_RANGE_ENTRIES;
        }
    }

    /**
     * SYNCED_SEQUENCE: as SEQUENCE, with the log fsynced before the reply.
     *
     * @param steps the steps, in execution order
     */
    record SyncedSequence(List<Update> steps) implements Request {
        /** Copies the lists so the record stays immutable. */
        public SyncedSequence {
            steps = List.copyOf(steps);
        }

        @Override
        public Command command() {
            return Command.SYNCED_SEQUENCE;
        }
    }

    /** OPTIMIZE_DB: optimizes the store (refused on the master). */
    record OptimizeDb() implements Request {
        @Override
        public Command command() {
            return Command.OPTIMIZE_DB;
        }
    }

    /** DEFRAG_DB: defragments the store (refused on the master). */
    record DefragDb() implements Request {
        @Override
        public Command command() {
            return Command.DEFRAG_DB;
        }
    }

    /**
     * DELETE_PREFIX: deletes every key with a prefix; answers the count.
     *
     * @param prefix the prefix
     */
    record DeletePrefix(ByteString prefix) implements Request {
        @Override
        public Command command() {
            return Command.DELETE_PREFIX;
        }
    }

    /** VERSION: asks for the server's version. */
    record Version() implements Request {
        @Override
        public Command command() {
            return Command.VERSION;
        }
    }

    /**
     * ASSERT_EXISTS: asserts a key exists (ASSERTION_FAILED otherwise).
     *
     * @param consistency the read's consistency
     * @param key the key
     */
    record AssertExists(Consistency consistency, ByteString key) implements Read {
        @Override
        public Command command() {
            return Command.ASSERT_EXISTS;
        }
    }

    /** DROP_MASTER: asks the master to step down. */
    record DropMaster() implements Request {
        @Override
        public Command command() {
            return Command.DROP_MASTER;
        }
    }

    /**
     * MULTI_GET_OPTION: reads several optional values.
     *
     * @param consistency the read's consistency
     * @param keys the keys
     */
    record MultiGetOption(Consistency consistency, List<ByteString> keys) implements Read {
        /** Copies the lists so the record stays immutable. */
        public MultiGetOption {
            keys = List.copyOf(keys);
        }

        @Override
        public Command command() {
            return Command.MULTI_GET_OPTION;
        }
    }

    /** CURRENT_STATE: asks for the node's state name. */
    record CurrentState() implements Request {
        @Override
        public Command command() {
            return Command.CURRENT_STATE;
        }
    }

    /**
     * REPLACE: sets or deletes unconditionally; answers the previous value.
     *
     * @param key the key
     * @param wanted the new value (empty = delete)
     */
    record Replace(ByteString key, Optional<ByteString> wanted) implements Request {
        @Override
        public Command command() {
            return Command.REPLACE;
        }
    }

    /**
     * LAST_ENTRIES2: catch-up stream.
     *
     * @param startIndex the first log index wanted
     */
    record LastEntries2(long startIndex) implements Request {
        @Override
        public Command command() {
            return Command.LAST_ENTRIES2;
        }
    }

    /** NOP: runs an empty update through consensus. */
    record Nop() implements Request {
        @Override
        public Command command() {
            return Command.NOP;
        }
    }

    /** FLUSH_STORE: commits any batched store transaction. */
    record FlushStore() implements Request {
        @Override
        public Command command() {
            return Command.FLUSH_STORE;
        }
    }

    /** GET_TXID: asks for the node's store stamp. */
    record GetTxid() implements Request {
        @Override
        public Command command() {
            return Command.GET_TXID;
        }
    }

    /**
     * COPY_DB_TO_HEAD: copies the store to the head database (refused on the master).
     *
     * @param tlogsToKeep how many tlog files to keep (at least 1)
     */
    record CopyDbToHead(int tlogsToKeep) implements Request {
        @Override
        public Command command() {
            return Command.COPY_DB_TO_HEAD;
        }
    }

    /**
     * USER_HOOK: hands the connection to a registered server-side hook.
     *
     * @param consistency the read's consistency
     * @param name the hook's name
     */
    record UserHook(Consistency consistency, ByteString name) implements Read {
        @Override
        public Command command() {
            return Command.USER_HOOK;
        }
    }

    /**
     * LAST_ENTRIES3: 1.9 catch-up stream.
     *
     * @param startIndex the first log index wanted
     */
    record LastEntries3(long startIndex) implements Request {
        @Override
        public Command command() {
            return Command.LAST_ENTRIES3;
        }
    }
}
