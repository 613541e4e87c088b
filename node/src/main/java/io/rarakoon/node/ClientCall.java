package io.rarakoon.node;

import io.rarakoon.client.protocol.Request;
import io.rarakoon.client.protocol.ServerReply;
import java.util.function.Consumer;

/**
 * One decoded client request on its way to the node loop, with where its answer goes.
 *
 * @param request the request
 * @param answer receives exactly one reply (frame and connection fate); called on the loop thread,
 *     or on the background thread of a long admin command; must not block
 */
public record ClientCall(Request request, Consumer<ServerReply> answer) {}
