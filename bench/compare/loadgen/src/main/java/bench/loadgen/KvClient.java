package bench.loadgen;

/**
 * One client connection (or session) to a key-value store. The load generator drives every
 * system through this interface so that all systems see the same workload code.
 *
 * <p>When {@code --conns} is smaller than {@code --clients}, several worker threads share one
 * KvClient, so implementations must then be thread-safe. With {@code --conns == --clients}
 * (the default) each worker owns its KvClient and the implementation may be single-threaded,
 * as a synchronous request/response protocol client (e.g. Arakoon's) is.
 */
public interface KvClient extends AutoCloseable {
    /** Stores value under key (insert or overwrite); returns once the store acknowledges it. */
    void put(String key, byte[] value) throws Exception;

    /**
     * Stores value under every key of keys atomically (one transaction, one round trip);
     * returns once the store acknowledges all of them.
     */
    void putAll(java.util.List<String> keys, byte[] value) throws Exception;

    /** Reads key with the read consistency the system was configured for; null if absent. */
    byte[] get(String key) throws Exception;

    @Override
    void close() throws Exception;
}
