package io.rarakoon.client;

import io.rarakoon.client.protocol.ByteString;
import io.rarakoon.client.protocol.Consistency;
import io.rarakoon.client.protocol.Entry;
import io.rarakoon.client.protocol.Request;
import io.rarakoon.client.protocol.Response;
import io.rarakoon.client.protocol.ResultCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The fake server's answers to reads, once their permission was checked. */
final class FakeReads {
    private FakeReads() {}

    static Optional<Consistency> consistencyOf(Request request) {
        if (request instanceof Request.Get r) {
            return Optional.of(r.consistency());
        } else if (request instanceof Request.Exists r) {
            return Optional.of(r.consistency());
        } else if (request instanceof Request.Assert r) {
            return Optional.of(r.consistency());
        } else if (request instanceof Request.AssertExists r) {
            return Optional.of(r.consistency());
        } else if (request instanceof Request.Range r) {
            return Optional.of(r.consistency());
        } else if (request instanceof Request.RangeEntries r) {
            return Optional.of(r.consistency());
        } else if (request instanceof Request.RevRangeEntries r) {
            return Optional.of(r.consistency());
        } else if (request instanceof Request.PrefixKeys r) {
            return Optional.of(r.consistency());
        } else if (request instanceof Request.MultiGet r) {
            return Optional.of(r.consistency());
        } else if (request instanceof Request.MultiGetOption r) {
            return Optional.of(r.consistency());
        }
        return Optional.empty();
    }

    static Response answer(FakeStore store, Request request) throws FakeStore.Refused {
        if (request instanceof Request.Get r) {
            return new Response.Text(
                    store.get(r.key())
                            .orElseThrow(
                                    () ->
                                            new FakeStore.Refused(
                                                    ResultCode.NOT_FOUND,
                                                    ByteString.utf8("Not_found"))));
        } else if (request instanceof Request.Exists r) {
            return new Response.Flag(store.get(r.key()).isPresent());
        } else if (request instanceof Request.Assert r) {
            if (!store.get(r.key()).equals(r.expected())) {
                throw new FakeStore.Refused(ResultCode.ASSERTION_FAILED, r.key());
            }
            return new Response.Done();
        } else if (request instanceof Request.AssertExists r) {
            if (store.get(r.key()).isEmpty()) {
                throw new FakeStore.Refused(ResultCode.ASSERTION_FAILED, r.key());
            }
            return new Response.Done();
        } else if (request instanceof Request.Range r) {
            return new Response.Texts(
                    store.range(r.query(), true).stream().map(Entry::key).toList());
        } else if (request instanceof Request.RangeEntries r) {
            return new Response.Entries(store.range(r.query(), false));
        } else if (request instanceof Request.RevRangeEntries r) {
            return new Response.Entries(store.revRange(r.query()));
        } else if (request instanceof Request.PrefixKeys r) {
            return new Response.Texts(store.prefixKeys(r.prefix(), r.max()));
        } else if (request instanceof Request.MultiGet r) {
            return multiGet(store, r.keys());
        } else if (request instanceof Request.MultiGetOption r) {
            return new Response.MaybeTexts(r.keys().stream().map(store::get).toList());
        }
        return new Response.Count(store.count()); // GET_KEY_COUNT
    }

    /** Arakoon reports the last missing key in request order (spec §7.3 MULTI_GET). */
    private static Response multiGet(FakeStore store, List<ByteString> keys)
            throws FakeStore.Refused {
        List<ByteString> values = new ArrayList<>();
        Optional<ByteString> missing = Optional.empty();
        for (ByteString key : keys) {
            Optional<ByteString> value = store.get(key);
            value.ifPresent(values::add);
            missing = value.isPresent() ? missing : Optional.of(key);
        }
        if (missing.isPresent()) {
            throw new FakeStore.Refused(ResultCode.NOT_FOUND, missing.get());
        }
        return new Response.Texts(values);
    }
}
