package bench.loadgen;

import io.rarakoon.client.ArakoonClient;
import io.rarakoon.client.ClientConfig;
import io.rarakoon.client.NotFoundException;
import io.rarakoon.client.Sequence;
import io.rarakoon.client.protocol.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * rarakoon (or Arakoon) through rarakoon's Java client, which talks to the master it finds itself.
 * put = set, get = consistent get (served by the master under its lease), putAll = one sequence.
 * Options: --endpoints host:port,... (the client ports of node_0, node_1, ... in this order);
 * --cluster-id ID (default "bench"). One ArakoonClient per connection: its calls are serialized,
 * so --conns must equal --clients.
 */
public final class RarakoonSystem implements KvSystem {
    private final String[] endpoints;
    private final String clusterId;

    public RarakoonSystem(Options o) {
        endpoints = o.list("endpoints", "127.0.0.1:4000");
        clusterId = o.str("cluster-id", "bench");
    }

    @Override
    public KvClient connect(int index) {
        ClientConfig.Builder config = ClientConfig.builder(clusterId).deadlineMillis(30_000);
        for (int i = 0; i < endpoints.length; i++) {
            String[] hostPort = endpoints[i].split(":");
            config.node("node_" + i, hostPort[0], Integer.parseInt(hostPort[1]));
        }
        ArakoonClient client = ArakoonClient.create(config.build());
        return new KvClient() {
            @Override
            public void put(String key, byte[] value) {
                client.set(bytes(key), ByteString.of(value));
            }

            @Override
            public void putAll(List<String> keys, byte[] value) {
                ByteString v = ByteString.of(value);
                Sequence sequence = new Sequence();
                keys.forEach(k -> sequence.set(bytes(k), v));
                client.sequence(sequence);
            }

            @Override
            public byte[] get(String key) {
                try {
                    return client.get(bytes(key)).toByteArray();
                } catch (NotFoundException e) {
                    return null;
                }
            }

            @Override
            public void close() {
                client.close();
            }
        };
    }

    private static ByteString bytes(String key) {
        return ByteString.utf8(key);
    }

    @Override
    public String describe() {
        return "rarakoon-client cluster=" + clusterId + " endpoints=" + String.join(",", endpoints);
    }
}
