/**
 * Arakoon's client wire protocol in both directions, pure (bytes in, bytes out; no I/O, clock or
 * threads): typed {@link io.rarakoon.client.protocol.Request} and {@link
 * io.rarakoon.client.protocol.Response} records, the encoders, the server's incremental {@link
 * io.rarakoon.client.protocol.RequestDecoder}, the client's {@link
 * io.rarakoon.client.protocol.ResponseDecoder}, typed {@link
 * io.rarakoon.client.protocol.DecodeError}s with the reply and connection fate Arakoon gives them,
 * and the module's {@link io.rarakoon.client.protocol.Limits}.
 */
package io.rarakoon.client.protocol;
