package io.rarakoon.node.config;

/**
 * What one node grants its clients ({@code [cluster]} keys). Each bound protects the node, and the
 * other clients, from one client that sends too much, too large, or nothing at all.
 *
 * @param connectionsMax client connections served at once; one more is answered Arakoon's
 *     MAX_CONNECTIONS error and closed ({@code max_connections})
 * @param keyBytesMax the longest key a write may carry; a longer one is refused with BAD_INPUT
 *     ({@code max_key_size})
 * @param requestBytesMax the longest request frame; a longer one is answered as Arakoon answers a
 *     malformed request and closes the connection ({@code max_request_size})
 * @param idleTimeoutMillis a connection with no request outstanding that sends nothing for this
 *     long is closed; 0 = never ({@code client_idle_timeout_secs})
 * @param outstandingRequestsMax requests one connection may have received and not yet seen answered
 *     (pipelining); at the cap the node stops reading from it until an answer goes out ({@code
 *     max_outstanding_requests})
 */
public record ClientLimits(
        int connectionsMax,
        int keyBytesMax,
        int requestBytesMax,
        long idleTimeoutMillis,
        int outstandingRequestsMax) {

    /** Whether idle connections are closed at all. */
    public boolean closesIdleConnections() {
        return idleTimeoutMillis > 0;
    }
}
