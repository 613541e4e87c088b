package io.rarakoon.node;

import io.rarakoon.client.protocol.ByteString;
import io.rarakoon.client.protocol.Consistency;
import io.rarakoon.client.protocol.Entry;
import io.rarakoon.client.protocol.RangeQuery;
import io.rarakoon.client.protocol.Request;
import io.rarakoon.client.protocol.Response;
import io.rarakoon.client.protocol.ResultCode;
import io.rarakoon.client.protocol.ServerReply;
import io.rarakoon.kv.Bytes;
import io.rarakoon.kv.KeyNotFoundException;
import io.rarakoon.kv.KeyValue;
import io.rarakoon.kv.KvStore;
import io.rarakoon.paxos.MasterMode;
import io.rarakoon.paxos.PaxosState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Answers reads and the admin queries the loop can answer at once, from the local store under
 * Arakoon's read rules (server semantics §1.9, §2.4): consistent reads only on the master under its
 * lease, dirty reads anywhere, At_least(txid) reads once the store has applied txid. Runs on the
 * loop thread, between steps.
 */
final class ReadHandler {
    /** The version this node reports: the Arakoon protocol version it speaks. */
    static final int VERSION_MAJOR = 1;

    static final int VERSION_MINOR = 8;
    static final int VERSION_PATCH = 0;

    private final NodeView view;
    private final AdminQueries admin;

    ReadHandler(NodeView view, AdminQueries admin) {
        this.view = view;
        this.admin = admin;
    }

    /**
     * The answer to {@code request}, or empty when it is neither a read nor an admin query this
     * handler answers.
     */
    Optional<ServerReply> answer(Request request, PaxosState state, long nowMillis) {
        Optional<ServerReply> query = admin.answer(request, state, nowMillis);
        if (query.isPresent()) {
            return query;
        }
        Optional<Consistency> consistency = consistencyOf(request);
        if (consistency.isEmpty()) {
            return Optional.empty();
        }
        Optional<ServerReply> refused = check(consistency.get(), state, nowMillis);
        if (refused.isPresent()) {
            return refused;
        }
        return Optional.of(read(request, view.store()));
    }

    private Optional<ServerReply> check(Consistency consistency, PaxosState state, long now) {
        boolean single = view.cluster().voters().size() == 1;
        boolean readOnly = view.cluster().masterMode() == MasterMode.READ_ONLY;
        if (consistency instanceof Consistency.Consistent
                && !readOnly
                && !single
                && !state.canServeReads(now)) {
            return Optional.of(Responses.notMaster(state.master(now)));
        }
        if (consistency instanceof Consistency.AtLeast atLeast
                && view.store().appliedIndex().orElse(0) < atLeast.stamp()) {
            return Optional.of(
                    Responses.failure(ResultCode.INCONSISTENT_READ, "store not fresh enough"));
        }
        return Optional.empty();
    }

    private static Optional<Consistency> consistencyOf(Request request) {
        if (request instanceof Request.Read read) {
            return Optional.of(read.consistency());
        }
        if (request instanceof Request.GetKeyCount) {
            return Optional.of(Consistency.CONSISTENT);
        }
        return Optional.empty();
    }

    private static ServerReply read(Request request, KvStore store) {
        if (request instanceof Request.Exists r) {
            return ok(request, new Response.Flag(store.exists(key(r.key()))));
        } else if (request instanceof Request.Get r) {
            Optional<Bytes> value = store.get(key(r.key()));
            return value.isPresent()
                    ? ok(request, new Response.Text(Responses.toClient(value.get())))
                    : Responses.failure(ResultCode.NOT_FOUND, "Not_found");
        } else if (request instanceof Request.Range r) {
            RangeQuery q = r.query();
            List<Bytes> keys =
                    store.range(
                            bound(q.first()),
                            q.firstInclusive(),
                            bound(q.last()),
                            q.lastInclusive(),
                            q.max());
            return ok(request, new Response.Texts(texts(keys)));
        } else if (request instanceof Request.RangeEntries r) {
            RangeQuery q = r.query();
            return ok(
                    request,
                    entries(
                            store.rangeEntries(
                                    bound(q.first()),
                                    q.firstInclusive(),
                                    bound(q.last()),
                                    q.lastInclusive(),
                                    q.max())));
        } else if (request instanceof Request.RevRangeEntries r) {
            RangeQuery q = r.query();
            return ok(
                    request,
                    entries(
                            store.revRangeEntries(
                                    bound(q.first()),
                                    q.firstInclusive(),
                                    bound(q.last()),
                                    q.lastInclusive(),
                                    q.max())));
        } else if (request instanceof Request.PrefixKeys r) {
            return ok(
                    request, new Response.Texts(texts(store.prefixKeys(key(r.prefix()), r.max()))));
        }
        return readMore(request, store);
    }

    private static ServerReply readMore(Request request, KvStore store) {
        if (request instanceof Request.MultiGet r) {
            try {
                return ok(request, new Response.Texts(texts(store.multiGet(keys(r.keys())))));
            } catch (KeyNotFoundException e) {
                return Responses.failure(ResultCode.NOT_FOUND, e.key());
            }
        } else if (request instanceof Request.MultiGetOption r) {
            List<Optional<ByteString>> values = new ArrayList<>();
            store.multiGetOption(keys(r.keys()))
                    .forEach(v -> values.add(v.map(Responses::toClient)));
            return ok(request, new Response.MaybeTexts(values));
        } else if (request instanceof Request.Assert r) {
            Optional<Bytes> expected = r.expected().map(Responses::toStore);
            return store.get(key(r.key())).equals(expected)
                    ? ok(request, new Response.Done())
                    : Responses.failure(ResultCode.ASSERTION_FAILED, r.key().toUtf8());
        } else if (request instanceof Request.AssertExists r) {
            return store.exists(key(r.key()))
                    ? ok(request, new Response.Done())
                    : Responses.failure(ResultCode.ASSERTION_FAILED, r.key().toUtf8());
        } else if (request instanceof Request.UserHook r) {
            return Responses.failure(ResultCode.USER_HOOK_NOT_FOUND, r.name().toUtf8());
        } else if (request instanceof Request.GetKeyCount) {
            return ok(request, new Response.Count(store.keyCount()));
        }
        throw new AssertionError("unhandled read " + request);
    }

    private static ServerReply ok(Request request, Response response) {
        return Responses.success(request, response);
    }

    private static Bytes key(ByteString key) {
        return Responses.toStore(key);
    }

    private static Optional<Bytes> bound(Optional<ByteString> bound) {
        return bound.map(Responses::toStore);
    }

    private static List<Bytes> keys(List<ByteString> keys) {
        return keys.stream().map(Responses::toStore).toList();
    }

    private static List<ByteString> texts(List<Bytes> values) {
        return values.stream().map(Responses::toClient).toList();
    }

    private static Response.Entries entries(List<KeyValue> entries) {
        List<Entry> out = new ArrayList<>(entries.size());
        for (KeyValue entry : entries) {
            out.add(new Entry(Responses.toClient(entry.key()), Responses.toClient(entry.value())));
        }
        return new Response.Entries(out);
    }
}
