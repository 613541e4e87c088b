package bench.loadgen;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;

/**
 * ZooKeeper. Key "a/b/c" is znode "/a/b/c". put = create, or setData if the node exists.
 * get with --read sync (default): sync(path) then getData on the same session (the session's
 * FIFO order makes the read follow the sync, so it is one client round trip); --read plain:
 * getData only (may be stale on a follower). --endpoints host:port,...; --endpoint-mode pin
 * (default: session i connects to endpoint i mod n) or all (ZooKeeper picks one at random).
 */
public final class ZkSystem implements KvSystem {
    private final String[] endpoints;
    private final boolean pin;
    private final boolean syncReads;
    private final int sessionTimeoutMs;

    public ZkSystem(Options o) {
        endpoints = o.list("endpoints", "127.0.0.1:2181");
        pin = !"all".equals(o.str("endpoint-mode", "pin"));
        syncReads = !"plain".equals(o.str("read", "sync"));
        sessionTimeoutMs = o.integer("zk-session-timeout-ms", 30_000);
    }

    private ZooKeeper open(int index) throws Exception {
        String connect = pin ? endpoints[index % endpoints.length] : String.join(",", endpoints);
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zk = new ZooKeeper(connect, sessionTimeoutMs, ev -> {
            if (ev.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        if (!connected.await(30, TimeUnit.SECONDS)) {
            zk.close();
            throw new IllegalStateException("no ZooKeeper session to " + connect);
        }
        return zk;
    }

    @Override
    public void prepare(String keyPrefix) throws Exception {
        ZooKeeper zk = open(0);
        try {
            StringBuilder path = new StringBuilder();
            for (String part : keyPrefix.split("/")) {
                path.append('/').append(part);
                try {
                    zk.create(path.toString(), new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
                } catch (KeeperException.NodeExistsException e) {
                    // fine
                }
            }
        } finally {
            zk.close();
        }
    }

    @Override
    public KvClient connect(int index) throws Exception {
        ZooKeeper zk = open(index);
        return new KvClient() {
            @Override
            public void put(String key, byte[] value) throws Exception {
                String path = "/" + key;
                try {
                    zk.create(path, value, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
                } catch (KeeperException.NodeExistsException e) {
                    zk.setData(path, value, -1);
                }
            }

            @Override
            public void putAll(List<String> keys, byte[] value) throws Exception {
                // The keys are new (batch keys are never reused), so create is the whole put.
                zk.multi(keys.stream()
                        .map(k -> Op.create("/" + k, value, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT))
                        .toList());
            }

            @Override
            public byte[] get(String key) throws Exception {
                String path = "/" + key;
                if (syncReads) {
                    zk.sync(path, (rc, p, ctx) -> { }, null);
                }
                try {
                    return zk.getData(path, false, null);
                } catch (KeeperException.NoNodeException e) {
                    return null;
                }
            }

            @Override
            public void close() throws Exception {
                zk.close();
            }
        };
    }

    @Override
    public String describe() {
        return "zookeeper-client endpoints=" + String.join(",", endpoints) + (pin ? " pinned" : " all")
                + (syncReads ? " sync-reads" : " plain-reads");
    }
}
