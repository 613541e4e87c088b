package io.rarakoon.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rarakoon.client.protocol.ByteString;
import io.rarakoon.client.protocol.Consistency;
import io.rarakoon.client.protocol.Request;
import io.rarakoon.client.protocol.Response;
import io.rarakoon.node.TestCluster.TestNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Seeded crash and restart sequences on the in-process cluster: between writes, or during one, a
 * random node loses power (unforced writes lost or torn) or a down node restarts (at most one down
 * at a time). At the end every node is up, every write the master acknowledged is readable, and all
 * stores reach the same applied index with equal digests. jqwik picks the seeds and prints the
 * failing one.
 */
class NodeCrashPropertyTest {
    private static final int STEP_COUNT = 60;
    private static final int CRASH_DELAY_MILLIS_MAX = 4;

    @Property(tries = 50)
    void acknowledgedWritesSurviveCrashesAndStoresConverge(@ForAll long seed) {
        TestCluster cluster = new TestCluster(3, seed);
        SplittableRandom random = new SplittableRandom(seed);
        cluster.startAll();
        Map<String, String> acknowledged = new TreeMap<>();
        for (int step = 0; step < STEP_COUNT; step++) {
            int dice = random.nextInt(10);
            List<TestNode> down = cluster.nodes.stream().filter(n -> !n.isUp()).toList();
            if (dice == 0 && down.isEmpty()) {
                cluster.nodes.get(random.nextInt(3)).crash(random);
            } else if (dice == 1 && !down.isEmpty()) {
                down.get(0).start();
            } else {
                boolean crashDuring = dice == 2 && down.isEmpty();
                write(
                        cluster,
                        random,
                        crashDuring,
                        "k" + random.nextInt(20),
                        "v" + step,
                        acknowledged);
            }
        }
        cluster.nodes.stream().filter(n -> !n.isUp()).forEach(TestNode::start);
        TestClient reader = new TestClient(cluster, cluster.awaitMaster().loop());
        for (Map.Entry<String, String> write : acknowledged.entrySet()) {
            Response read =
                    reader.call(
                            new Request.Get(
                                    Consistency.CONSISTENT, ByteString.utf8(write.getKey())));
            assertEquals(
                    new Response.Text(ByteString.utf8(write.getValue())), read, write.getKey());
        }
        boolean aligned =
                cluster.time.runUntil(
                        () -> {
                            long first = cluster.nodes.get(0).state().appliedIndex();
                            return cluster.nodes.stream()
                                    .allMatch(n -> n.state().appliedIndex() == first);
                        },
                        400_000);
        assertTrue(aligned, "all stores reach one applied index");
        var digest = cluster.nodes.get(0).loop().storage().store().digest();
        for (TestNode node : cluster.nodes) {
            assertEquals(digest, node.loop().storage().store().digest(), node.id.name());
        }
    }

    /** One write to the master; with {@code crashDuring}, a random node loses power meanwhile. */
    private static void write(
            TestCluster cluster,
            SplittableRandom random,
            boolean crashDuring,
            String key,
            String value,
            Map<String, String> acknowledged) {
        TestNode master = cluster.awaitMaster();
        if (crashDuring) {
            TestNode victim = cluster.nodes.get(random.nextInt(3));
            cluster.time.schedule(
                    random.nextInt(CRASH_DELAY_MILLIS_MAX), () -> victim.crash(random));
        }
        TestClient client = new TestClient(cluster, master.loop());
        Request set = new Request.Set(ByteString.utf8(key), ByteString.utf8(value));
        Optional<Response> response = client.callUnless(set, () -> !master.isUp());
        cluster.time.runFor(CRASH_DELAY_MILLIS_MAX); // the crash has happened before the next step
        if (response.isPresent() && response.get() instanceof Response.Done) {
            acknowledged.put(key, value);
        } else {
            acknowledged.remove(key); // not acknowledged: it may or may not take effect
        }
    }
}
