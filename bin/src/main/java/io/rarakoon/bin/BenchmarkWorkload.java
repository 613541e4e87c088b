package io.rarakoon.bin;

import io.rarakoon.client.ArakoonClient;
import io.rarakoon.client.Sequence;
import io.rarakoon.client.protocol.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * What one operation of {@code rarakoon benchmark} sends, per scenario. Keys are {@code k} followed
 * by a zero-padded number, {@code keyBytes} long (longer only when the number needs more digits);
 * values are {@code valueBytes} of {@code 'v'}. New keys follow their operation's number, or with
 * {@link KeyOrder#RANDOM} a scramble of it. Immutable and thread-safe; each client thread passes
 * its own random generator.
 */
final class BenchmarkWorkload {

    /** The request each operation sends. */
    enum Scenario {
        /** Set a new key (operation n writes key n). */
        SET,
        /** Consistent get of a random preloaded key. */
        GET,
        /** Half consistent gets, half sets, of random preloaded keys. */
        MIXED,
        /** A sequence of {@link #SEQUENCE_UPDATES} sets of new keys. */
        SEQUENCE,
        /** A consistent range of up to {@link #RANGE_ENTRIES_MAX} entries from a preloaded key. */
        RANGE;

        boolean readsPreloadedKeys() {
            return this == GET || this == MIXED || this == RANGE;
        }
    }

    /** The order in which set and sequence write their new keys. */
    enum KeyOrder {
        /** Key n for the n-th new key: every write lands after all the others. */
        SEQUENTIAL,
        /**
         * Each new key once, scattered over the key space (a multiplicative scramble of n): every
         * write lands somewhere else in the store, as random keys such as UUIDs do.
         */
        RANDOM
    }

    /** Sets per sequence: the size of the "10-update sequences" workload. */
    static final int SEQUENCE_UPDATES = 10;

    /** Entries a range asks for: a page of a listing, small enough to stay a point-like read. */
    static final int RANGE_ENTRIES_MAX = 10;

    /** Keys per sequence while preloading: few round trips, frames far below any limit. */
    private static final int PRELOAD_KEYS_PER_SEQUENCE = 100;

    /** The low digits of a key number that {@link KeyOrder#RANDOM} scrambles, at most. */
    private static final int SCRAMBLED_DIGITS_MAX = 9;

    /**
     * Coprime to 10, so multiplying by it modulo a power of ten is a bijection: each key once.
     * Below 10^9, so that a product of nine-digit numbers fits a long.
     */
    private static final long SCRAMBLE_MULTIPLIER = 618_033_989;

    private final Scenario scenario;
    private final int keyBytes;
    private final ByteString value;
    private final int preloadKeys;
    private final KeyOrder keyOrder;

    /** The low digits' modulus of the scramble: 10^min(digits of a key, SCRAMBLED_DIGITS_MAX). */
    private final long scrambleModulus;

    BenchmarkWorkload(
            Scenario scenario, int keyBytes, int valueBytes, int preloadKeys, KeyOrder keyOrder) {
        this.scenario = scenario;
        this.keyBytes = keyBytes;
        this.keyOrder = keyOrder;
        this.scrambleModulus = (long) Math.pow(10, Math.min(keyBytes - 1, SCRAMBLED_DIGITS_MAX));
        byte[] bytes = new byte[valueBytes];
        Arrays.fill(bytes, (byte) 'v');
        this.value = ByteString.of(bytes);
        this.preloadKeys = preloadKeys;
    }

    Scenario scenario() {
        return scenario;
    }

    /**
     * Writes the keys that GET, MIXED and RANGE read, in sequences; does nothing for the other
     * scenarios. Calling thread; throws what the client throws.
     */
    void preload(ArakoonClient client) {
        if (!scenario.readsPreloadedKeys()) {
            return;
        }
        for (int first = 0; first < preloadKeys; first += PRELOAD_KEYS_PER_SEQUENCE) {
            Sequence sequence = new Sequence();
            int end = Math.min(preloadKeys, first + PRELOAD_KEYS_PER_SEQUENCE);
            for (int n = first; n < end; n++) {
                sequence.set(key(n), value);
            }
            client.sequence(sequence);
        }
    }

    /**
     * Runs operation number {@code operation} (unique within the run) and returns when the server
     * answered. Calling thread; throws what the client throws.
     */
    void run(ArakoonClient client, long operation, SplittableRandom random) {
        switch (scenario) {
            case SET -> client.set(key(newKey(operation)), value);
            case GET -> client.get(key(random.nextInt(preloadKeys)));
            case MIXED -> {
                ByteString key = key(random.nextInt(preloadKeys));
                if (random.nextBoolean()) {
                    client.get(key);
                } else {
                    client.set(key, value);
                }
            }
            case SEQUENCE -> {
                Sequence sequence = new Sequence();
                for (int i = 0; i < SEQUENCE_UPDATES; i++) {
                    sequence.set(key(newKey(operation * SEQUENCE_UPDATES + i)), value);
                }
                client.sequence(sequence);
            }
            case RANGE -> {
                Optional<ByteString> first = Optional.of(key(random.nextInt(preloadKeys)));
                client.rangeEntries(first, true, Optional.empty(), false, RANGE_ENTRIES_MAX);
            }
        }
    }

    /** The number of the n-th new key, in the chosen order; distinct for distinct n. */
    long newKey(long n) {
        if (keyOrder == KeyOrder.SEQUENTIAL) {
            return n;
        }
        long high = n / scrambleModulus;
        long low = n % scrambleModulus;
        return high * scrambleModulus + low * SCRAMBLE_MULTIPLIER % scrambleModulus;
    }

    private ByteString key(long n) {
        String text = String.format(Locale.ROOT, "k%0" + (keyBytes - 1) + "d", n);
        return ByteString.of(text.getBytes(StandardCharsets.US_ASCII));
    }
}
