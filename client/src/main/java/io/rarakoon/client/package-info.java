/**
 * A Java client for Arakoon (1.8/1.9) and rarakoon clusters over plain JDK sockets.
 *
 * <p>Start with {@link io.rarakoon.client.ClientConfig#builder(String)} and {@link
 * io.rarakoon.client.ArakoonClient#create(ClientConfig)}. Failures are unchecked subclasses of
 * {@link io.rarakoon.client.ArakoonException}: a {@link io.rarakoon.client.ServerException} per
 * Arakoon result code, {@link io.rarakoon.client.OutcomeUnknownException} for a write whose fate is
 * unknown, and {@link io.rarakoon.client.UnavailableException} when the deadline passes. The wire
 * format lives in {@link io.rarakoon.client.protocol}.
 */
package io.rarakoon.client;
