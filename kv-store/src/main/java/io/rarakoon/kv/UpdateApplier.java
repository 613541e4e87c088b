package io.rarakoon.kv;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Executes one update inside a {@link Transaction} with Arakoon's semantics (server semantics
 * §2.3). A failure is thrown as {@link UpdateFailedException} so that it unwinds nested sequences;
 * the caller rolls the transaction back. Stateless apart from the registry.
 */
final class UpdateApplier {

    static final Bytes INTERVAL_KEY = Bytes.utf8("interval");
    static final Bytes ROUTING_KEY = Bytes.utf8("routing");
    static final Bytes ROUTING_DELTA_KEY = Bytes.utf8("routing_delta");

    private final UserFunctionRegistry functions;

    UpdateApplier(UserFunctionRegistry functions) {
        this.functions = functions;
    }

    UpdateResult apply(Update update, Transaction tx) {
        if (update instanceof Update.Set u) {
            tx.requireValueFits(u.value());
            tx.putUser(u.key(), u.value());
        } else if (update instanceof Update.Delete u) {
            if (tx.putUser(u.key(), null) == null) {
                throw new UpdateFailedException(ResultCode.NOT_FOUND, u.key());
            }
        } else if (update instanceof Update.TestAndSet u) {
            return testAndSet(u, tx);
        } else if (update instanceof Update.Replace u) {
            u.wanted().ifPresent(tx::requireValueFits);
            Optional<Bytes> old = tx.get(u.key());
            tx.putUser(u.key(), u.wanted().orElse(null));
            return new UpdateResult.OkValue(old);
        } else if (update instanceof Update.MasterSet u) {
            tx.setMaster(u.master());
        } else if (update instanceof Update.Sequence u) {
            applyAll(u.updates(), tx);
        } else if (update instanceof Update.SyncedSequence u) {
            applyAll(u.updates(), tx);
        } else if (update instanceof Update.UserFunction u) {
            return new UpdateResult.OkValue(callUserFunction(u, tx));
        } else if (update instanceof Update.Assert u) {
            if (!tx.get(u.key()).equals(u.expected())) {
                throw new UpdateFailedException(ResultCode.ASSERTION_FAILED, u.key());
            }
        } else if (update instanceof Update.AssertExists u) {
            if (!tx.exists(u.key())) {
                throw new UpdateFailedException(ResultCode.ASSERTION_FAILED, u.key());
            }
        } else if (update instanceof Update.AssertRange u) {
            assertRange(u, tx);
        } else if (update instanceof Update.DeletePrefix u) {
            List<Bytes> keys = RangeReader.prefixKeys(tx.userMap(), u.prefix(), -1);
            keys.forEach(key -> tx.putUser(key, null));
            return new UpdateResult.OkCount(keys.size());
        } else if (update instanceof Update.AdminSet u) {
            u.value().ifPresent(tx::requireValueFits);
            tx.putAdmin(u.key(), u.value().orElse(null));
        } else if (update instanceof Update.SetInterval u) {
            putAdminValue(INTERVAL_KEY, u.interval(), tx);
        } else if (update instanceof Update.SetRouting u) {
            putAdminValue(ROUTING_KEY, u.routing(), tx);
        } else if (update instanceof Update.SetRoutingDelta u) {
            putAdminValue(ROUTING_DELTA_KEY, u.delta(), tx);
        } else if (!(update instanceof Update.Nop)) {
            throw new IllegalStateException("unhandled update kind " + update);
        }
        return UpdateResult.OK;
    }

    private void applyAll(List<Update> updates, Transaction tx) {
        for (Update update : updates) {
            apply(update, tx);
        }
    }

    private static UpdateResult testAndSet(Update.TestAndSet u, Transaction tx) {
        u.wanted().ifPresent(tx::requireValueFits);
        Optional<Bytes> old = tx.get(u.key());
        if (old.equals(u.expected())) {
            tx.putUser(u.key(), u.wanted().orElse(null));
        }
        return new UpdateResult.OkValue(old);
    }

    private static void putAdminValue(Bytes key, Bytes value, Transaction tx) {
        tx.requireValueFits(value);
        tx.putAdmin(key, value);
    }

    private Optional<Bytes> callUserFunction(Update.UserFunction u, Transaction tx) {
        UserFunctionRegistry.Function function =
                functions
                        .find(u.name())
                        .orElseThrow(
                                () ->
                                        new UpdateFailedException(
                                                ResultCode.BAD_INPUT,
                                                "User function \""
                                                        + u.name()
                                                        + "\" could not be found"));
        Optional<Bytes> result;
        try {
            result = function.call(tx, u.argument());
        } catch (UpdateFailedException e) {
            throw e;
        } catch (NoSuchElementException e) {
            throw new UpdateFailedException(ResultCode.NOT_FOUND, "Not_found");
        } catch (RuntimeException e) {
            throw new UpdateFailedException(ResultCode.USERFUNCTION_FAILURE, e.toString());
        }
        if (result == null) {
            throw new UpdateFailedException(
                    ResultCode.USERFUNCTION_FAILURE,
                    "user function \"" + u.name() + "\" returned null instead of an Optional");
        }
        return result;
    }

    /** ContainsExactly: the keys under the prefix, ascending, are exactly the expected list. */
    private static void assertRange(Update.AssertRange u, Transaction tx) {
        List<Bytes> expected = u.containsExactly();
        List<Bytes> actual = RangeReader.prefixKeys(tx.userMap(), u.prefix(), expected.size() + 1);
        if (!actual.equals(expected)) {
            throw new UpdateFailedException(
                    ResultCode.ASSERTION_FAILED,
                    "Assert_range "
                            + u.prefix()
                            + " ContainsExactly "
                            + shown(expected)
                            + " but found "
                            + shown(actual));
        }
    }

    private static String shown(List<Bytes> keys) {
        String listed =
                keys.stream()
                        .limit(Limits.ASSERT_RANGE_KEYS_SHOWN_MAX)
                        .map(Bytes::toString)
                        .collect(Collectors.joining("; ", "[", ""));
        return keys.size() > Limits.ASSERT_RANGE_KEYS_SHOWN_MAX
                ? listed + "; ... " + keys.size() + " keys]"
                : listed + "]";
    }
}
