package io.rarakoon.sim;

import io.rarakoon.sim.check.KvOp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Draws the clients' operations over a small key space (few keys, so operations contend): set, get,
 * delete, exists, test_and_set, sequences with asserts, ranges and dirty reads. Values are unique
 * per write, so a read names the write it saw.
 */
final class Workload {
    /** One drawn operation; {@code dirty} marks a get any node may answer. */
    record Drawn(KvOp op, boolean dirty) {}

    private final SplittableRandom random;
    private final int keyCount;
    private long valueCount;

    Workload(SplittableRandom random, int keyCount) {
        if (keyCount < 2 || keyCount % 2 != 0) {
            throw new IllegalArgumentException("keyCount " + keyCount + " must be even and >= 2");
        }
        this.random = random;
        this.keyCount = keyCount;
    }

    int keyCount() {
        return keyCount;
    }

    Drawn next(int client) {
        String key = key();
        int dice = random.nextInt(100);
        if (dice < 25) {
            return new Drawn(new KvOp.Set(key, value(client)), false);
        } else if (dice < 43) {
            return new Drawn(new KvOp.Get(key), false);
        } else if (dice < 50) {
            return new Drawn(new KvOp.Delete(key), false);
        } else if (dice < 56) {
            return new Drawn(new KvOp.Exists(key), false);
        } else if (dice < 68) {
            Optional<String> expected =
                    random.nextBoolean() ? Optional.empty() : Optional.of(value(client));
            Optional<String> wanted =
                    random.nextInt(4) == 0 ? Optional.empty() : Optional.of(value(client));
            return new Drawn(new KvOp.TestAndSet(key, expected, wanted), false);
        } else if (dice < 80) {
            return new Drawn(sequence(client), false);
        } else if (dice < 88) {
            int pair = random.nextInt(keyCount / 2);
            return new Drawn(
                    new KvOp.Range(
                            "k" + 2 * pair, "k" + (2 * pair + 1) + "~", 1 + random.nextInt(2)),
                    false);
        } else {
            return new Drawn(new KvOp.Get(key), true);
        }
    }

    /** A sequence over one pair of keys (k2i, k2i+1), so that pairs can be checked apart. */
    private KvOp sequence(int client) {
        List<KvOp.Step> steps = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        int pair = random.nextInt(keyCount / 2);
        for (int i = 0; i < count; i++) {
            String key = "k" + (2 * pair + random.nextInt(2));
            switch (random.nextInt(3)) {
                case 0 -> steps.add(new KvOp.Step.Put(key, value(client)));
                case 1 -> steps.add(new KvOp.Step.Remove(key));
                default -> steps.add(new KvOp.Step.Assert(key, Optional.empty()));
            }
        }
        return new KvOp.Sequence(steps);
    }

    /** True if {@code value} is one this workload handed to a write so far. */
    boolean wasDrawn(String value) {
        int dot = value.indexOf('.');
        if (!value.startsWith("c") || dot < 0) {
            return false;
        }
        try {
            return Long.parseLong(value.substring(dot + 1)) < valueCount;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private String key() {
        return "k" + random.nextInt(keyCount);
    }

    private String value(int client) {
        return "c" + client + "." + valueCount++;
    }
}
