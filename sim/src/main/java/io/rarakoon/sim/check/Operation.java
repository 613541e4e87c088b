package io.rarakoon.sim.check;

import java.util.Optional;

/**
 * One completed or unknown operation of a history: called at {@code callNanos}, returned at {@code
 * returnNanos} with {@code result}; an unknown outcome has an empty result and returns at {@link
 * Long#MAX_VALUE} (it may take effect at any time after its call, or never).
 *
 * @param id unique within the history
 * @param process the client process that ran it
 * @param op the operation
 * @param result the result, empty if unknown
 * @param callNanos simulated time of the call
 * @param returnNanos simulated time of the return, {@link Long#MAX_VALUE} if unknown
 */
public record Operation(
        int id, int process, KvOp op, Optional<KvResult> result, long callNanos, long returnNanos) {

    /** True when the outcome is unknown. */
    public boolean isUnknown() {
        return result.isEmpty();
    }

    @Override
    public String toString() {
        return "#"
                + id
                + " p"
                + process
                + " "
                + op
                + " -> "
                + result.map(Object::toString).orElse("unknown")
                + " ["
                + callNanos / 1_000
                + "us, "
                + (returnNanos == Long.MAX_VALUE ? "inf" : returnNanos / 1_000 + "us")
                + "]";
    }
}
