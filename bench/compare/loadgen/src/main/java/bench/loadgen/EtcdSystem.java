package bench.loadgen;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.GetOption;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * etcd v3 through jetcd. Options: --endpoints host:port,... ; --endpoint-mode pin (default:
 * connection i talks only to endpoint i mod n, as etcd's own benchmark tool does) or all (each
 * connection gets every endpoint); --read linearizable (default) or serializable.
 */
public final class EtcdSystem implements KvSystem {
    private final String[] endpoints;
    private final boolean pin;
    private final GetOption getOption;
    private final long timeoutMs;

    public EtcdSystem(Options o) {
        String[] eps = o.list("endpoints", "127.0.0.1:2379");
        endpoints = new String[eps.length];
        for (int i = 0; i < eps.length; i++) {
            endpoints[i] = eps[i].startsWith("http") ? eps[i] : "http://" + eps[i];
        }
        pin = !"all".equals(o.str("endpoint-mode", "pin"));
        String read = o.str("read", "linearizable");
        getOption = GetOption.builder().withSerializable("serializable".equals(read)).build();
        timeoutMs = o.integer("op-timeout-ms", 10_000);
    }

    @Override
    public KvClient connect(int index) {
        String[] mine = pin ? new String[] {endpoints[index % endpoints.length]} : endpoints;
        Client client = Client.builder().endpoints(mine).build();
        KV kv = client.getKVClient();
        return new KvClient() {
            @Override
            public void put(String key, byte[] value) throws Exception {
                kv.put(ByteSequence.from(key, StandardCharsets.UTF_8), ByteSequence.from(value))
                        .get(timeoutMs, TimeUnit.MILLISECONDS);
            }

            @Override
            public void putAll(List<String> keys, byte[] value) throws Exception {
                ByteSequence v = ByteSequence.from(value);
                Op[] puts = keys.stream()
                        .map(k -> Op.put(ByteSequence.from(k, StandardCharsets.UTF_8), v, PutOption.DEFAULT))
                        .toArray(Op[]::new);
                kv.txn().Then(puts).commit().get(timeoutMs, TimeUnit.MILLISECONDS);
            }

            @Override
            public byte[] get(String key) throws Exception {
                GetResponse r = kv.get(ByteSequence.from(key, StandardCharsets.UTF_8), getOption)
                        .get(timeoutMs, TimeUnit.MILLISECONDS);
                return r.getKvs().isEmpty() ? null : r.getKvs().get(0).getValue().getBytes();
            }

            @Override
            public void close() {
                client.close();
            }
        };
    }

    @Override
    public String describe() {
        return "jetcd endpoints=" + String.join(",", endpoints) + (pin ? " pinned" : " all")
                + (getOption.isSerializable() ? " serializable-reads" : " linearizable-reads");
    }
}
