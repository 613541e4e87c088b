package io.rarakoon.kv;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The naive reference model of {@link KvStore} for property tests: TreeMaps, a full copy of the
 * state before every update for rollback, and range reads written as filters over every key. Slow
 * and obviously right is the point; it shares no code with the store.
 */
final class ModelStore {

    private TreeMap<Bytes, Bytes> user = new TreeMap<>();
    private TreeMap<Bytes, Bytes> admin = new TreeMap<>();
    private String master;
    private long appliedIndex = -1;
    private final int valueBytesMax;
    private final Map<String, UserFunctionRegistry.Function> functions;

    ModelStore(int valueBytesMax, Map<String, UserFunctionRegistry.Function> functions) {
        this.valueBytesMax = valueBytesMax;
        this.functions = functions;
    }

    List<UpdateResult> apply(long index, List<Update> updates) {
        if (index != appliedIndex + 1) {
            throw new IllegalStateException("model: index " + index);
        }
        List<UpdateResult> results = new ArrayList<>();
        for (Update update : updates) {
            TreeMap<Bytes, Bytes> userBefore = new TreeMap<>(user);
            TreeMap<Bytes, Bytes> adminBefore = new TreeMap<>(admin);
            String masterBefore = master;
            try {
                results.add(execute(update));
            } catch (UpdateFailedException e) {
                user = userBefore;
                admin = adminBefore;
                master = masterBefore;
                results.add(new UpdateResult.Failed(e.code(), e.failureMessage()));
            }
        }
        appliedIndex = index;
        return results;
    }

    private UpdateResult execute(Update update) {
        if (update instanceof Update.Set u) {
            user.put(u.key(), fit(u.value()));
        } else if (update instanceof Update.Delete u) {
            if (user.remove(u.key()) == null) {
                throw new UpdateFailedException(ResultCode.NOT_FOUND, u.key());
            }
        } else if (update instanceof Update.TestAndSet u) {
            u.wanted().ifPresent(this::fit);
            Optional<Bytes> old = Optional.ofNullable(user.get(u.key()));
            if (old.equals(u.expected())) {
                write(u.key(), u.wanted());
            }
            return new UpdateResult.OkValue(old);
        } else if (update instanceof Update.Replace u) {
            u.wanted().ifPresent(this::fit);
            Optional<Bytes> old = Optional.ofNullable(user.get(u.key()));
            write(u.key(), u.wanted());
            return new UpdateResult.OkValue(old);
        } else if (update instanceof Update.MasterSet u) {
            master = u.master();
        } else if (update instanceof Update.Sequence u) {
            u.updates().forEach(this::execute);
        } else if (update instanceof Update.SyncedSequence u) {
            u.updates().forEach(this::execute);
        } else if (update instanceof Update.UserFunction u) {
            return new UpdateResult.OkValue(call(u));
        } else if (update instanceof Update.Assert u) {
            if (!Optional.ofNullable(user.get(u.key())).equals(u.expected())) {
                throw new UpdateFailedException(ResultCode.ASSERTION_FAILED, u.key());
            }
        } else if (update instanceof Update.AssertExists u) {
            if (!user.containsKey(u.key())) {
                throw new UpdateFailedException(ResultCode.ASSERTION_FAILED, u.key());
            }
        } else if (update instanceof Update.AssertRange u) {
            if (!prefixKeys(u.prefix(), -1).equals(u.containsExactly())) {
                throw new UpdateFailedException(ResultCode.ASSERTION_FAILED, "Assert_range");
            }
        } else if (update instanceof Update.DeletePrefix u) {
            List<Bytes> doomed = prefixKeys(u.prefix(), -1);
            doomed.forEach(user::remove);
            return new UpdateResult.OkCount(doomed.size());
        } else if (update instanceof Update.AdminSet u) {
            u.value().ifPresent(this::fit);
            if (u.value().isPresent()) {
                admin.put(u.key(), u.value().get());
            } else {
                admin.remove(u.key());
            }
        } else if (update instanceof Update.SetInterval u) {
            admin.put(Bytes.utf8("interval"), fit(u.interval()));
        } else if (update instanceof Update.SetRouting u) {
            admin.put(Bytes.utf8("routing"), fit(u.routing()));
        } else if (update instanceof Update.SetRoutingDelta u) {
            admin.put(Bytes.utf8("routing_delta"), fit(u.delta()));
        }
        return UpdateResult.OK;
    }

    private Bytes fit(Bytes value) {
        if (value.length() >= valueBytesMax) {
            throw new UpdateFailedException(ResultCode.UNKNOWN_FAILURE, "value too large");
        }
        return value;
    }

    private void write(Bytes key, Optional<Bytes> value) {
        if (value.isPresent()) {
            user.put(key, value.get());
        } else {
            user.remove(key);
        }
    }

    private Optional<Bytes> call(Update.UserFunction u) {
        UserFunctionRegistry.Function function = functions.get(u.name());
        if (function == null) {
            throw new UpdateFailedException(
                    ResultCode.BAD_INPUT, "User function \"" + u.name() + "\" could not be found");
        }
        try {
            return function.call(new View(), u.argument());
        } catch (UpdateFailedException e) {
            throw e;
        } catch (NoSuchElementException e) {
            throw new UpdateFailedException(ResultCode.NOT_FOUND, "Not_found");
        } catch (RuntimeException e) {
            throw new UpdateFailedException(ResultCode.USERFUNCTION_FAILURE, e.toString());
        }
    }

    /** The model's transaction view: straight onto the maps, rolled back by apply's copies. */
    private final class View implements TransactionView {
        @Override
        public Optional<Bytes> get(Bytes key) {
            return Optional.ofNullable(user.get(key));
        }

        @Override
        public boolean exists(Bytes key) {
            return user.containsKey(key);
        }

        @Override
        public void put(Bytes key, Optional<Bytes> value) {
            value.ifPresent(ModelStore.this::fit);
            write(key, value);
        }

        @Override
        public List<KeyValue> rangeEntries(
                Optional<Bytes> first,
                boolean firstInclusive,
                Optional<Bytes> last,
                boolean lastInclusive,
                int max) {
            return ModelStore.this.rangeEntries(first, firstInclusive, last, lastInclusive, max);
        }
    }

    Optional<Bytes> get(Bytes key) {
        return Optional.ofNullable(user.get(key));
    }

    Optional<Bytes> adminGet(Bytes key) {
        return Optional.ofNullable(admin.get(key));
    }

    Optional<String> master() {
        return Optional.ofNullable(master);
    }

    long appliedIndex() {
        return appliedIndex;
    }

    long keyCount() {
        return user.size();
    }

    List<Bytes> range(
            Optional<Bytes> first, boolean finc, Optional<Bytes> last, boolean linc, int max) {
        return limit(
                user.keySet().stream()
                        .filter(k -> atLeast(k, first.orElse(Bytes.EMPTY), finc))
                        .filter(k -> last.isEmpty() || atMost(k, last.get(), linc))
                        .collect(Collectors.toList()),
                max == 0 ? 1 : max);
    }

    List<KeyValue> rangeEntries(
            Optional<Bytes> first, boolean finc, Optional<Bytes> last, boolean linc, int max) {
        return limit(
                entries(
                        k ->
                                atLeast(k, first.orElse(Bytes.EMPTY), finc)
                                        && (last.isEmpty() || atMost(k, last.get(), linc))),
                max);
    }

    List<KeyValue> revRangeEntries(
            Optional<Bytes> first, boolean finc, Optional<Bytes> last, boolean linc, int max) {
        List<KeyValue> descending =
                entries(
                        k ->
                                (first.isEmpty() || atMost(k, first.get(), finc))
                                        && atLeast(k, last.orElse(Bytes.EMPTY), linc));
        java.util.Collections.reverse(descending);
        return limit(descending, max);
    }

    List<Bytes> prefixKeys(Bytes prefix, int max) {
        return limit(
                user.keySet().stream()
                        .filter(k -> k.startsWith(prefix))
                        .collect(Collectors.toList()),
                max);
    }

    private List<KeyValue> entries(Predicate<Bytes> selected) {
        return user.entrySet().stream()
                .filter(e -> selected.test(e.getKey()))
                .map(e -> new KeyValue(e.getKey(), e.getValue()))
                .collect(Collectors.toList());
    }

    private static boolean atLeast(Bytes key, Bytes bound, boolean inclusive) {
        int order = key.compareTo(bound);
        return order > 0 || (order == 0 && inclusive);
    }

    private static boolean atMost(Bytes key, Bytes bound, boolean inclusive) {
        int order = key.compareTo(bound);
        return order < 0 || (order == 0 && inclusive);
    }

    private static <T> List<T> limit(List<T> all, int max) {
        return max < 0 || all.size() <= max ? all : new ArrayList<>(all.subList(0, max));
    }
}
