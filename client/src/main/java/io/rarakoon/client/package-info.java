/** Arakoon's client protocol (both directions) and a Java client over plain JDK sockets. */
package io.rarakoon.client;
