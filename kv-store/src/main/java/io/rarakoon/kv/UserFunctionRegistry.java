package io.rarakoon.kv;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The user functions a store can run, by name (Arakoon's plugins, server semantics §2.7). Immutable
 * and thread-safe. Every node must register the same functions, forever, because replaying the log
 * re-runs every call.
 */
public final class UserFunctionRegistry {

    /**
     * A user function. It runs inside the update's transaction on every node while the value is
     * applied, so it must be deterministic: no clock, no randomness, no I/O, no state of its own.
     *
     * <p>To fail with an Arakoon code it throws {@link UpdateFailedException}; a {@link
     * java.util.NoSuchElementException} fails with NOT_FOUND "Not_found"; any other runtime
     * exception fails with USERFUNCTION_FAILURE and the exception's text. A failure undoes the
     * function's writes.
     */
    @FunctionalInterface
    public interface Function {
        /** Runs the function over {@code view} with the client's {@code argument}. */
        Optional<Bytes> call(TransactionView view, Optional<Bytes> argument);
    }

    private static final UserFunctionRegistry EMPTY = new UserFunctionRegistry(Map.of());

    private final TreeMap<String, Function> functions;

    private UserFunctionRegistry(Map<String, Function> functions) {
        this.functions = new TreeMap<>(functions);
        this.functions.values().forEach(f -> Objects.requireNonNull(f, "function"));
    }

    /** A registry without functions. */
    public static UserFunctionRegistry empty() {
        return EMPTY;
    }

    /** A registry holding a copy of {@code functions} (name to function). */
    public static UserFunctionRegistry of(Map<String, Function> functions) {
        return new UserFunctionRegistry(functions);
    }

    /** True if {@code name} is registered: the master refuses calls to other names up front. */
    public boolean contains(String name) {
        return functions.containsKey(name);
    }

    Optional<Function> find(String name) {
        return Optional.ofNullable(functions.get(name));
    }
}
