package io.rarakoon.node;

import io.rarakoon.client.protocol.ByteString;
import io.rarakoon.client.protocol.ConnectionFate;
import io.rarakoon.client.protocol.Request;
import io.rarakoon.client.protocol.Response;
import io.rarakoon.client.protocol.ResponseEncoder;
import io.rarakoon.client.protocol.ResultCode;
import io.rarakoon.client.protocol.ServerReply;
import io.rarakoon.kv.Bytes;
import io.rarakoon.kv.UpdateResult;
import io.rarakoon.paxos.Effect;
import io.rarakoon.paxos.message.NodeId;
import java.util.Optional;

/** Builds the server's replies: encoded frames with Arakoon's connection fate. Stateless. */
final class Responses {
    /** Arakoon's message of E_NOT_MASTER when no master is known. */
    static final String NO_MASTER = "None";

    private Responses() {}

    static ServerReply success(Request request, Response response) {
        byte[] frame = ResponseEncoder.encode(request, response);
        return new ServerReply(Optional.of(ByteString.of(frame)), ConnectionFate.KEEP_OPEN);
    }

    static ServerReply failure(ResultCode code, String message) {
        return ServerReply.failure(code, ByteString.utf8(message));
    }

    static ServerReply failure(ResultCode code, Bytes message) {
        return ServerReply.failure(code, toClient(message));
    }

    static ServerReply notMaster(Optional<NodeId> master) {
        return failure(ResultCode.NOT_MASTER, master.map(NodeId::name).orElse(NO_MASTER));
    }

    /**
     * The answer to a request the node could not queue: Arakoon has no "busy" code, so it is the
     * code of an exhausted node (MAX_CONNECTIONS), which clients retry and which tells them the
     * request did not happen.
     */
    static ServerReply busy(String detail) {
        return failure(ResultCode.MAX_CONNECTIONS, "busy: " + detail);
    }

    /** The answer to a write whose value the store applied, from the update's result. */
    static ServerReply ofResult(Request request, UpdateResult result) {
        if (result instanceof UpdateResult.Failed failed) {
            return failure(ResultCode.fromWire(failed.code().code()), failed.message());
        }
        if (result instanceof UpdateResult.OkValue value) {
            return success(request, new Response.MaybeText(value.value().map(Responses::toClient)));
        }
        if (result instanceof UpdateResult.OkCount count) {
            return success(request, new Response.Count(count.count()));
        }
        return success(request, new Response.Done());
    }

    /** The answer the core gives without applying anything. */
    static ServerReply ofReply(Request request, Effect.Reply reply) {
        return switch (reply.outcome()) {
            case NOT_MASTER -> notMaster(reply.master());
            case NO_LONGER_MASTER -> failure(ResultCode.NO_LONGER_MASTER, reply.detail());
            case READ_ONLY -> failure(ResultCode.READ_ONLY, reply.detail());
            case BUSY -> busy(reply.detail());
            case UPDATE_TOO_LARGE -> failure(ResultCode.BAD_INPUT, reply.detail());
            case MASTER_DROPPED -> success(request, new Response.Done());
            case NOT_SUPPORTED -> failure(ResultCode.NOT_SUPPORTED, reply.detail());
        };
    }

    static ByteString toClient(Bytes bytes) {
        return ByteString.of(bytes.toByteArray());
    }

    static Bytes toStore(ByteString bytes) {
        return Bytes.copyOf(bytes.toByteArray());
    }
}
