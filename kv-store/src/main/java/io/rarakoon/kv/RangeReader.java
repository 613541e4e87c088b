package io.rarakoon.kv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Arakoon's range reads over the user map (client protocol §7.2), shared by {@link KvStore} and the
 * user-function view. A missing lower bound is the empty key with the caller's inclusivity
 * (Arakoon's quirk: the empty key is excluded when that flag is false); a missing upper bound is no
 * bound; a negative max means unlimited.
 */
final class RangeReader {

    private RangeReader() {}

    /** Keys ascending; Arakoon's RANGE returns the first key when max is 0 (§7.2 quirk). */
    static List<Bytes> keys(
            LeafMap map,
            Optional<Bytes> first,
            boolean firstInclusive,
            Optional<Bytes> last,
            boolean lastInclusive,
            int max) {
        Bounds bounds = new Bounds(first, firstInclusive, last, lastInclusive);
        return ascending(map, bounds, max == 0 ? 1 : max, (key, value) -> Bytes.wrap(key));
    }

    /** Entries ascending, at most max (max 0 gives none). */
    static List<KeyValue> entries(
            LeafMap map,
            Optional<Bytes> first,
            boolean firstInclusive,
            Optional<Bytes> last,
            boolean lastInclusive,
            int max) {
        if (max == 0) {
            return new ArrayList<>();
        }
        Bounds bounds = new Bounds(first, firstInclusive, last, lastInclusive);
        return ascending(
                map, bounds, max, (key, value) -> new KeyValue(Bytes.wrap(key), Bytes.wrap(value)));
    }

    /** The bounds of an ascending walk; a missing lower bound is the empty key. */
    private record Bounds(
            Optional<Bytes> first,
            boolean firstInclusive,
            Optional<Bytes> last,
            boolean lastInclusive) {}

    /** Items made from the entries within {@code bounds}, ascending; itemsMax < 0 is unlimited. */
    private static <T> List<T> ascending(
            LeafMap map, Bounds bounds, int itemsMax, BiFunction<byte[], byte[], T> item) {
        List<T> items = new ArrayList<>();
        byte[] upper = bounds.last().map(Bytes::array).orElse(null);
        map.walkUp(
                bounds.first().orElse(Bytes.EMPTY).array(),
                bounds.firstInclusive(),
                (key, value) -> {
                    if (!belowUpper(key, upper, bounds.lastInclusive())) {
                        return false;
                    }
                    items.add(item.apply(key, value));
                    return itemsMax < 0 || items.size() < itemsMax;
                });
        return items;
    }

    /** Entries descending from the high bound {@code first} down to the low bound {@code last}. */
    static List<KeyValue> reverseEntries(
            LeafMap map,
            Optional<Bytes> first,
            boolean firstInclusive,
            Optional<Bytes> last,
            boolean lastInclusive,
            int max) {
        List<KeyValue> entries = new ArrayList<>();
        if (max == 0) {
            return entries;
        }
        byte[] lower = last.orElse(Bytes.EMPTY).array();
        map.walkDown(
                first.map(Bytes::array).orElse(null),
                firstInclusive,
                (key, value) -> {
                    int order = Arrays.compareUnsigned(key, lower);
                    if (order < 0 || (order == 0 && !lastInclusive)) {
                        return false;
                    }
                    entries.add(new KeyValue(Bytes.wrap(key), Bytes.wrap(value)));
                    return max < 0 || entries.size() < max;
                });
        return entries;
    }

    /** Keys starting with {@code prefix}, ascending, at most max (max 0 gives none). */
    static List<Bytes> prefixKeys(LeafMap map, Bytes prefix, int max) {
        List<Bytes> keys = new ArrayList<>();
        if (max == 0) {
            return keys;
        }
        map.walkUp(
                prefix.array(),
                true,
                (key, value) -> {
                    if (!Bytes.startsWith(key, prefix.array())) {
                        return false;
                    }
                    keys.add(Bytes.wrap(key));
                    return max < 0 || keys.size() < max;
                });
        return keys;
    }

    private static boolean belowUpper(byte[] key, byte[] upper, boolean upperInclusive) {
        if (upper == null) {
            return true;
        }
        int order = Arrays.compareUnsigned(key, upper);
        return order < 0 || (order == 0 && upperInclusive);
    }
}
