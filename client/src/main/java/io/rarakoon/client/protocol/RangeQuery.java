package io.rarakoon.client.protocol;

import java.util.Optional;

/**
 * The bounds and limit of RANGE, RANGE_ENTRIES and REV_RANGE_ENTRIES (spec §7.2). For
 * REV_RANGE_ENTRIES {@code first} is the high end and {@code last} the low end.
 *
 * @param first the first bound (empty = the empty key, with {@code firstInclusive})
 * @param firstInclusive whether {@code first} itself is selected
 * @param last the last bound (empty = no bound)
 * @param lastInclusive whether {@code last} itself is selected
 * @param max at most this many results; negative = unlimited
 */
public record RangeQuery(
        Optional<ByteString> first,
        boolean firstInclusive,
        Optional<ByteString> last,
        boolean lastInclusive,
        int max) {}
