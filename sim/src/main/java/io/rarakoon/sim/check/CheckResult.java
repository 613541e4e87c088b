package io.rarakoon.sim.check;

/**
 * The checker's verdict and, unless linearizable, a report naming the operation that could not be
 * placed and the operations concurrent with it.
 *
 * @param verdict the verdict
 * @param report empty when linearizable; else one or more lines
 */
public record CheckResult(Verdict verdict, String report) {

    /** The three possible verdicts. */
    public enum Verdict {
        /** Some order of the operations explains every result. */
        LINEARIZABLE,
        /** No order does. */
        NOT_LINEARIZABLE,
        /** The search hit its budget before deciding; counted as a failure. */
        UNDECIDED
    }

    /** True only for {@link Verdict#LINEARIZABLE}. */
    public boolean isLinearizable() {
        return verdict == Verdict.LINEARIZABLE;
    }
}
