package io.rarakoon.client;

import io.rarakoon.client.protocol.ByteString;
import io.rarakoon.client.protocol.Entry;
import io.rarakoon.client.protocol.RangeQuery;
import io.rarakoon.client.protocol.ResultCode;
import io.rarakoon.client.protocol.Update;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The fake server's data: a TreeMap with Arakoon's read and update semantics (spec §7, §8), shared
 * by the fake nodes of one fake cluster as if replication were instant. Thread-safe.
 */
final class FakeStore {
    /** A failed update or read, with Arakoon's result code and message. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final ResultCode code;
        final transient ByteString text;

        Refused(ResultCode code, ByteString text) {
            super(code + ": " + text, null, false, false);
            this.code = code;
            this.text = text;
        }
    }

    private static final ByteString REVERSE = ByteString.utf8("reverse");

    private TreeMap<ByteString, ByteString> data = new TreeMap<>();
    private long stamp;

    synchronized long stamp() {
        return stamp;
    }

    synchronized Optional<ByteString> get(ByteString key) {
        return Optional.ofNullable(data.get(key));
    }

    synchronized long count() {
        return data.size();
    }

    /** Applies {@code steps} atomically: all or nothing, then advances the stamp. */
    synchronized void apply(List<Update> steps) throws Refused {
        TreeMap<ByteString, ByteString> copy = new TreeMap<>(data);
        for (Update step : steps) {
            applyStep(copy, step);
        }
        data = copy;
        stamp++;
    }

    /** Runs a write that answers a value, atomically. */
    synchronized Optional<ByteString> write(Update update) throws Refused {
        Optional<ByteString> before = get(keyOf(update));
        apply(List.of(update));
        return before;
    }

    synchronized int deletePrefix(ByteString prefix) {
        List<ByteString> keys = prefixKeys(prefix, -1);
        keys.forEach(data::remove);
        stamp++;
        return keys.size();
    }

    synchronized Optional<ByteString> userFunction(ByteString name, Optional<ByteString> argument)
            throws Refused {
        Optional<ByteString> result = runFunction(name, argument);
        stamp++;
        return result;
    }

    static boolean knowsFunction(ByteString name) {
        return name.equals(REVERSE);
    }

    private static Optional<ByteString> runFunction(ByteString name, Optional<ByteString> argument)
            throws Refused {
        if (!knowsFunction(name)) {
            throw new Refused(ResultCode.USER_FUNCTION_FAILURE, ByteString.utf8("Not_found"));
        }
        return argument.map(
                a -> {
                    byte[] bytes = a.toByteArray();
                    byte[] reversed = new byte[bytes.length];
                    for (int i = 0; i < bytes.length; i++) {
                        reversed[i] = bytes[bytes.length - 1 - i];
                    }
                    return ByteString.of(reversed);
                });
    }

    private static ByteString keyOf(Update update) {
        if (update instanceof Update.TestAndSet u) {
            return u.key();
        }
        return ((Update.Replace) update).key();
    }

    private static void applyStep(TreeMap<ByteString, ByteString> map, Update step) throws Refused {
        if (!step.isClientStep()) {
            throw new Refused(ResultCode.BAD_INPUT, ByteString.utf8("internal update tag"));
        }
        if (step instanceof Update.Set u) {
            map.put(u.key(), u.value());
        } else if (step instanceof Update.Delete u) {
            if (map.remove(u.key()) == null) {
                throw new Refused(ResultCode.NOT_FOUND, u.key());
            }
        } else if (step instanceof Update.TestAndSet u) {
            if (Optional.ofNullable(map.get(u.key())).equals(u.expected())) {
                put(map, u.key(), u.wanted());
            }
        } else if (step instanceof Update.Replace u) {
            put(map, u.key(), u.wanted());
        } else if (step instanceof Update.DeletePrefix u) {
            map.keySet().removeIf(k -> k.startsWith(u.prefix()));
        } else if (step instanceof Update.UserFunction u) {
            runFunction(u.name(), u.argument());
        } else if (step instanceof Update.Sequence u) {
            for (Update inner : u.steps()) {
                applyStep(map, inner);
            }
        } else {
            checkAssertion(map, step);
        }
    }

    private static void checkAssertion(TreeMap<ByteString, ByteString> map, Update step)
            throws Refused {
        if (step instanceof Update.Assert u) {
            if (!Optional.ofNullable(map.get(u.key())).equals(u.expected())) {
                throw new Refused(ResultCode.ASSERTION_FAILED, u.key());
            }
        } else if (step instanceof Update.AssertExists u) {
            if (!map.containsKey(u.key())) {
                throw new Refused(ResultCode.ASSERTION_FAILED, u.key());
            }
        } else if (step instanceof Update.AssertRange u) {
            List<ByteString> actual = new ArrayList<>();
            map.keySet().stream().filter(k -> k.startsWith(u.prefix())).forEach(actual::add);
            if (!actual.equals(u.keys())) {
                throw new Refused(ResultCode.ASSERTION_FAILED, ByteString.utf8("ContainsExactly"));
            }
        }
    }

    private static void put(
            Map<ByteString, ByteString> map, ByteString key, Optional<ByteString> value) {
        if (value.isPresent()) {
            map.put(key, value.get());
        } else {
            map.remove(key);
        }
    }

    /** RANGE and RANGE_ENTRIES selection (spec §7.2), ascending. */
    synchronized List<Entry> range(RangeQuery q, boolean keysOnly) {
        NavigableMap<ByteString, ByteString> view = data;
        view =
                q.first().isPresent()
                        ? view.tailMap(q.first().get(), q.firstInclusive())
                        : view.tailMap(ByteString.EMPTY, q.firstInclusive());
        if (q.last().isPresent()) {
            view = view.headMap(q.last().get(), q.lastInclusive());
        }
        // Arakoon quirk: RANGE with max 0 still returns the first key; the others return none.
        int max = keysOnly && q.max() == 0 ? 1 : q.max();
        return take(view, max);
    }

    /** REV_RANGE_ENTRIES selection: from the high end ({@code first}) downwards. */
    synchronized List<Entry> revRange(RangeQuery q) {
        NavigableMap<ByteString, ByteString> view = data.descendingMap();
        if (q.first().isPresent()) {
            view = view.tailMap(q.first().get(), q.firstInclusive());
        }
        view =
                q.last().isPresent()
                        ? view.headMap(q.last().get(), q.lastInclusive())
                        : view.headMap(ByteString.EMPTY, q.lastInclusive());
        return take(view, q.max());
    }

    private static List<Entry> take(NavigableMap<ByteString, ByteString> view, int max) {
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<ByteString, ByteString> e : view.entrySet()) {
            if (max >= 0 && entries.size() >= max) {
                break;
            }
            entries.add(new Entry(e.getKey(), e.getValue()));
        }
        return entries;
    }

    synchronized List<ByteString> prefixKeys(ByteString prefix, int max) {
        List<ByteString> keys = new ArrayList<>();
        for (ByteString key : data.tailMap(prefix, true).keySet()) {
            if (!key.startsWith(prefix) || (max >= 0 && keys.size() >= max)) {
                break;
            }
            keys.add(key);
        }
        return keys;
    }
}
