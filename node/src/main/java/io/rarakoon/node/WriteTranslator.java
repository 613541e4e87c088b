package io.rarakoon.node;

import io.rarakoon.client.protocol.ByteString;
import io.rarakoon.client.protocol.Request;
import io.rarakoon.client.protocol.Response;
import io.rarakoon.client.protocol.ResultCode;
import io.rarakoon.client.protocol.ServerReply;
import io.rarakoon.kv.Bytes;
import io.rarakoon.kv.KvStore;
import io.rarakoon.kv.Update;
import io.rarakoon.kv.UserFunctionRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns client-protocol writes into kv-store updates for the core (server semantics §1.9 write
 * path, §2.3, §2.6): checks every value against the size limit and user function names against the
 * registry up front, so a refused write never costs a Paxos round. Runs on the loop thread.
 */
final class WriteTranslator {

    /** What to do with a request that is a write. */
    sealed interface Translation {
        /** Hand the update to the core. */
        record Propose(Update update, boolean synced) implements Translation {}

        /** Answer at once without proposing. */
        record Answer(ServerReply reply) implements Translation {}
    }

    /** Thrown inside the translation of a step that cannot be proposed. */
    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient ServerReply reply;

        Refused(ServerReply reply) {
            super(null, null, false, false);
            this.reply = reply;
        }
    }

    private final int valueBytesMax;
    private final int keyBytesMax;
    private final UserFunctionRegistry functions;

    WriteTranslator(StorageOptions options) {
        this.valueBytesMax = options.valueBytesMax();
        this.keyBytesMax = options.keyBytesMax();
        this.functions = options.functions();
    }

    /**
     * The translation of {@code request}, or empty if it is not a write.
     *
     * @param store read by CONFIRM, which writes only when the value differs
     */
    Optional<Translation> translate(Request request, KvStore store) {
        try {
            return Optional.ofNullable(translateOrNull(request, store));
        } catch (Refused refused) {
            return Optional.of(new Translation.Answer(refused.reply));
        }
    }

    private Translation translateOrNull(Request request, KvStore store) throws Refused {
        if (request instanceof Request.Set r) {
            return propose(new Update.Set(key(r.key()), value(r.value())));
        } else if (request instanceof Request.Delete r) {
            return propose(new Update.Delete(key(r.key())));
        } else if (request instanceof Request.TestAndSet r) {
            return propose(new Update.TestAndSet(key(r.key()), option(r.expected()), wanted(r)));
        } else if (request instanceof Request.Replace r) {
            return propose(new Update.Replace(key(r.key()), values(r.wanted())));
        } else if (request instanceof Request.DeletePrefix r) {
            return propose(new Update.DeletePrefix(key(r.prefix())));
        } else if (request instanceof Request.Sequence r) {
            return propose(new Update.Sequence(steps(r.steps())));
        } else if (request instanceof Request.SyncedSequence r) {
            return new Translation.Propose(new Update.SyncedSequence(steps(r.steps())), true);
        } else if (request instanceof Request.UserFunction r) {
            return propose(function(r.name(), r.argument()));
        } else if (request instanceof Request.Nop) {
            return propose(new Update.Nop());
        } else if (request instanceof Request.Confirm r) {
            Bytes value = value(r.value());
            boolean same = store.get(key(r.key())).filter(value::equals).isPresent();
            return same
                    ? new Translation.Answer(Responses.success(request, new Response.Done()))
                    : propose(new Update.Set(key(r.key()), value));
        } else if (request instanceof Request.SetInterval
                || request instanceof Request.SetRouting
                || request instanceof Request.SetRoutingDelta
                || request instanceof Request.MigrateRange
                || request instanceof Request.SetNurseryConfig) {
            throw nursery();
        }
        return null;
    }

    private static Translation propose(Update update) {
        return new Translation.Propose(update, false);
    }

    private List<Update> steps(List<io.rarakoon.client.protocol.Update> steps) throws Refused {
        List<Update> updates = new ArrayList<>(steps.size());
        for (io.rarakoon.client.protocol.Update step : steps) {
            updates.add(step(step));
        }
        return updates;
    }

    private Update step(io.rarakoon.client.protocol.Update step) throws Refused {
        if (step instanceof io.rarakoon.client.protocol.Update.Set u) {
            return new Update.Set(key(u.key()), value(u.value()));
        } else if (step instanceof io.rarakoon.client.protocol.Update.Delete u) {
            return new Update.Delete(key(u.key()));
        } else if (step instanceof io.rarakoon.client.protocol.Update.TestAndSet u) {
            return new Update.TestAndSet(key(u.key()), option(u.expected()), values(u.wanted()));
        } else if (step instanceof io.rarakoon.client.protocol.Update.Sequence u) {
            return new Update.Sequence(steps(u.steps()));
        } else if (step instanceof io.rarakoon.client.protocol.Update.SyncedSequence u) {
            return new Update.SyncedSequence(steps(u.steps()));
        } else if (step instanceof io.rarakoon.client.protocol.Update.UserFunction u) {
            return function(u.name(), u.argument());
        } else if (step instanceof io.rarakoon.client.protocol.Update.Assert u) {
            return new Update.Assert(key(u.key()), option(u.expected()));
        } else if (step instanceof io.rarakoon.client.protocol.Update.AssertExists u) {
            return new Update.AssertExists(key(u.key()));
        } else if (step instanceof io.rarakoon.client.protocol.Update.DeletePrefix u) {
            return new Update.DeletePrefix(key(u.prefix()));
        } else if (step instanceof io.rarakoon.client.protocol.Update.Replace u) {
            return new Update.Replace(key(u.key()), values(u.wanted()));
        } else if (step instanceof io.rarakoon.client.protocol.Update.AssertRange u) {
            List<Bytes> keys = new ArrayList<>(u.keys().size());
            for (ByteString key : u.keys()) {
                keys.add(key(key));
            }
            return new Update.AssertRange(key(u.prefix()), keys);
        } else if (step instanceof io.rarakoon.client.protocol.Update.Nop) {
            return new Update.Nop();
        }
        // MasterSet and AdminSet are internal; intervals and routing belong to the nursery.
        throw nursery();
    }

    private Update function(ByteString name, Optional<ByteString> argument) throws Refused {
        String functionName = name.toUtf8();
        if (!functions.contains(functionName)) {
            throw new Refused(
                    Responses.failure(
                            ResultCode.BAD_INPUT,
                            "User function \"" + functionName + "\" could not be found"));
        }
        return new Update.UserFunction(functionName, option(argument));
    }

    /** Keys (and prefixes) longer than the limit are refused; the connection stays open. */
    private Bytes key(ByteString key) throws Refused {
        if (key.length() > keyBytesMax) {
            throw new Refused(
                    Responses.failure(
                            ResultCode.BAD_INPUT,
                            "key length " + key.length() + " exceeds max_key_size " + keyBytesMax));
        }
        return Responses.toStore(key);
    }

    private Bytes value(ByteString value) throws Refused {
        if (value.length() >= valueBytesMax) {
            throw new Refused(Responses.failure(ResultCode.UNKNOWN_FAILURE, "value too large"));
        }
        return Responses.toStore(value);
    }

    private Optional<Bytes> wanted(Request.TestAndSet request) throws Refused {
        return values(request.wanted());
    }

    private Optional<Bytes> values(Optional<ByteString> value) throws Refused {
        return value.isPresent() ? Optional.of(value(value.get())) : Optional.empty();
    }

    private static Optional<Bytes> option(Optional<ByteString> value) {
        return value.map(Responses::toStore);
    }

    private static Refused nursery() {
        return new Refused(
                Responses.failure(ResultCode.NOT_SUPPORTED, "the nursery is not supported"));
    }
}
