package bench.loadgen;

import java.util.concurrent.ConcurrentHashMap;

/** In-process map: measures the load generator's own ceiling on this machine. */
public final class NoopSystem implements KvSystem {
    private final ConcurrentHashMap<String, byte[]> map = new ConcurrentHashMap<>();

    public NoopSystem(Options o) {
    }

    @Override
    public KvClient connect(int index) {
        return new KvClient() {
            @Override
            public void put(String key, byte[] value) {
                map.put(key, value);
            }

            @Override
            public void putAll(java.util.List<String> keys, byte[] value) {
                keys.forEach(k -> map.put(k, value));
            }

            @Override
            public byte[] get(String key) {
                return map.get(key);
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public String describe() {
        return "in-process ConcurrentHashMap";
    }
}
