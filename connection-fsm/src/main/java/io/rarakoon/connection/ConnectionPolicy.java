package io.rarakoon.connection;

/**
 * Timing of one outgoing connection.
 *
 * @param reconnectDelayMillisMin the backoff ceiling after the first failure; it doubles with each
 *     further consecutive failure
 * @param reconnectDelayMillisMax the backoff ceiling never exceeds this
 * @param handshakeTimeoutMillis how long connect plus handshake may take before the attempt counts
 *     as failed
 */
public record ConnectionPolicy(
        long reconnectDelayMillisMin, long reconnectDelayMillisMax, long handshakeTimeoutMillis) {
    /**
     * Validates the policy.
     *
     * @throws IllegalArgumentException naming the field, the limit and the value when a value is
     *     below 1, above {@link Limits#DELAY_MILLIS_MAX}, or the minimum exceeds the maximum
     */
    public ConnectionPolicy {
        requireInRange("reconnectDelayMillisMin", reconnectDelayMillisMin);
        requireInRange("reconnectDelayMillisMax", reconnectDelayMillisMax);
        requireInRange("handshakeTimeoutMillis", handshakeTimeoutMillis);
        if (reconnectDelayMillisMin > reconnectDelayMillisMax) {
            throw new IllegalArgumentException(
                    "reconnectDelayMillisMin "
                            + reconnectDelayMillisMin
                            + " exceeds reconnectDelayMillisMax "
                            + reconnectDelayMillisMax);
        }
    }

    private static void requireInRange(String field, long valueMillis) {
        if (valueMillis < 1 || valueMillis > Limits.DELAY_MILLIS_MAX) {
            throw new IllegalArgumentException(
                    field
                            + " "
                            + valueMillis
                            + " outside [1, DELAY_MILLIS_MAX "
                            + Limits.DELAY_MILLIS_MAX
                            + "]");
        }
    }
}
