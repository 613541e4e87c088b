package io.rarakoon.node;

import io.rarakoon.connection.ConnectionPolicy;
import io.rarakoon.kv.UserFunctionRegistry;
import io.rarakoon.messenger.MessengerConfig;
import io.rarakoon.messenger.PeerAddress;
import io.rarakoon.messenger.PeerMessenger;
import io.rarakoon.messenger.netty.EventLoops;
import io.rarakoon.messenger.netty.NettyTransport;
import io.rarakoon.node.config.ClusterConfig;
import io.rarakoon.node.config.CollapseConfig;
import io.rarakoon.node.config.NodeConfig;
import io.rarakoon.paxos.Cluster;
import io.rarakoon.paxos.message.NodeId;
import io.rarakoon.wal.Collapser;
import io.rarakoon.wal.NioDisk;
import java.io.IOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running node in production: its storage on {@link NioDisk} in the node's tlog directory, its
 * loop on a {@link ThreadScheduler} with the {@link SystemClock}, peers through a {@link
 * PeerMessenger} over Netty on the messaging port, and clients through a {@link ClientListener} on
 * the client port. The random seed is drawn from {@link SecureRandom} and logged.
 *
 * <p>The loop and every connection, client or peer, share one event-loop thread ({@link
 * EventLoops}): a request read from a socket reaches the loop, and an answer or an Accept the loop
 * sends reaches the socket, without waking another thread; an Accept goes out before the loop's
 * fsync, as {@link EffectExecutor} orders it. Requests that arrive during an fsync wait in the
 * socket and go into the next turn together. Other threads: the background executor (snapshots,
 * collapse), the syncer (the fsync of a catch-up batch, while the loop applies it and asks for the
 * next) and the metrics server.
 *
 * <p>Threads: {@link #start} and {@link #close} from one controlling thread; {@link #awaitFailure}
 * from any.
 */
public final class Node implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Node.class);

    /** How long {@link #close} waits for the loop to answer its waiting clients and stop. */
    private static final long STOP_MILLIS_MAX = 10_000;

    /**
     * Reconnect backoff and handshake timeout of peer links, in milliseconds; the simulator's
     * stream-level network runs the messenger with it too.
     */
    public static final ConnectionPolicy PEER_POLICY = new ConnectionPolicy(100, 2_000, 5_000);

    private final NodeId self;
    private final EventLoops eventLoops;
    private final NettyTransport peerTransport;
    private final NettyTransport clientTransport;
    private final ExecutorService background;
    private final ExecutorService syncer;
    private final ThreadScheduler scheduler;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CountDownLatch failed = new CountDownLatch(1);
    private PeerMessenger messenger;
    private NodeLoop loop;
    private AutoCollapse autoCollapse;
    private MetricsServer metrics;
    private ClientListener clientListener;
    private boolean closed;

    private Node(
            NodeId self,
            EventLoops eventLoops,
            NettyTransport peerTransport,
            NettyTransport clientTransport) {
        this.self = self;
        this.eventLoops = eventLoops;
        this.peerTransport = peerTransport;
        this.clientTransport = clientTransport;
        this.background = namedThread(self.name() + "-background");
        this.syncer = namedThread(self.name() + "-sync");
        this.scheduler = new ThreadScheduler(eventLoops.next(), (t, e) -> fail(e));
    }

    /**
     * Starts node {@code nodeName} of {@code config}: binds its messaging and client ports,
     * recovers its storage, joins the cluster. Returns once it listens.
     *
     * @throws IllegalArgumentException if the file has no such node, uses plugins (not supported
     *     yet), or names a TLS version or cipher suite the JDK does not offer
     * @throws CorruptStorageException naming file and offset when the storage is corrupt
     * @throws IOException when a port cannot be bound, a TLS file cannot be read, or the storage
     *     cannot be read
     */
    public static Node start(ClusterConfig config, String nodeName) throws IOException {
        NodeConfig node =
                config.node(nodeName)
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "node "
                                                        + nodeName
                                                        + " is not in the cluster file"));
        NodeTls tls = NodeTls.of(config, node);
        EventLoops loops = EventLoops.start(nodeName + "-loop", 1);
        try {
            NettyTransport peers =
                    NettyTransport.bind(
                            node.primaryAddress(), node.messagingPort(), loops, tls.messaging());
            NettyTransport clients =
                    NettyTransport.bind(
                            node.primaryAddress(), node.clientPort(), loops, tls.clients());
            return start(config, node, loops, peers, clients);
        } catch (IOException | RuntimeException e) {
            loops.close();
            throw e;
        }
    }

    /**
     * Starts a node on transports already bound to its ports on {@code eventLoops}, one thread the
     * node then owns (tests bind ephemeral ports).
     */
    static Node start(
            ClusterConfig config,
            NodeConfig node,
            EventLoops eventLoops,
            NettyTransport peerTransport,
            NettyTransport clientTransport)
            throws IOException {
        Node started =
                new Node(new NodeId(node.name()), eventLoops, peerTransport, clientTransport);
        try {
            started.wire(config, node);
        } catch (IOException | RuntimeException e) {
            started.close();
            throw e;
        }
        return started;
    }

    private void wire(ClusterConfig config, NodeConfig node) throws IOException {
        if (!config.plugins().isEmpty()) {
            throw new IllegalArgumentException("plugins are not supported: " + config.plugins());
        }
        Cluster cluster = ClusterMapping.toCluster(config);
        Files.createDirectories(node.tlogDir());
        StorageOptions options =
                new StorageOptions(
                        config.wal().entriesPerSegment(),
                        Math.toIntExact(config.valueBytesMax()),
                        config.clientLimits().keyBytesMax(),
                        UserFunctionRegistry.empty(),
                        cluster.voters().size() == 1);
        NodeStorage storage = NodeStorage.open(new NioDisk(node.tlogDir()), options, background);
        long seed = new SecureRandom().nextLong();
        LOG.info("{} starts with random seed {}", self, seed);
        SplittableRandom random = new SplittableRandom(seed);
        Clock clock = new SystemClock();
        MessengerConfig messengerConfig =
                new MessengerConfig(
                        config.clusterId(),
                        node.name(),
                        peers(config, node),
                        Limits.PEER_SEND_BUFFER_FRAMES_MAX,
                        PEER_POLICY,
                        Math.toIntExact(config.frameBytesMax()));
        messenger =
                new PeerMessenger(
                        messengerConfig,
                        peerTransport,
                        (peer, message) -> deliver(config.clusterId(), peer, message),
                        clock::monotonicMillis,
                        random.split());
        PeerSender sender = (to, message) -> messenger.send(to.name(), message);
        NodePorts ports =
                new NodePorts(clock, scheduler, random.split(), sender, background, syncer);
        loop = new NodeLoop(self, cluster, storage, ports);
        loop.start();
        if (config.collapse().auto()) {
            CollapseConfig collapse = config.collapse();
            Collapser collapser =
                    storage.collapser(collapse.segmentsToKeep(), collapse.triggerSegments());
            autoCollapse = new AutoCollapse(collapser, scheduler, background);
            autoCollapse.start();
        }
        messenger.start();
        clientListener = new ClientListener(config.clusterId(), loop, config.clientLimits(), clock);
        clientTransport.listen(clientListener);
        clientListener.startIdleSweep(scheduler);
        if (node.metricsPort().isPresent()) {
            NodeStatistics statistics = loop.statistics();
            metrics =
                    MetricsServer.start(
                            node.primaryAddress(),
                            node.metricsPort().getAsInt(),
                            () -> MetricsText.render(statistics));
            LOG.info("{} serves metrics on port {}", self, metrics.port());
        }
        LOG.info(
                "{} serves clients on port {}, peers on port {}",
                self,
                clientTransport.localPort(),
                peerTransport.localPort());
    }

    private void deliver(String clusterId, String peer, Object message) {
        loop.deliver(new NodeId(peer), clusterId, message);
    }

    private static List<PeerAddress> peers(ClusterConfig config, NodeConfig self) {
        return config.nodes().stream()
                .filter(n -> !n.name().equals(self.name()))
                .map(n -> new PeerAddress(n.name(), n.primaryAddress(), n.messagingPort()))
                .toList();
    }

    private void fail(Throwable error) {
        LOG.error("{} stops after a fatal error", self, error);
        failure.compareAndSet(null, error);
        failed.countDown();
    }

    /**
     * Waits up to {@code timeoutMillis} for the node to fail. Any thread.
     *
     * @return the error that stopped the node, or empty if it still runs
     * @throws InterruptedException if interrupted while waiting
     */
    public Optional<Throwable> awaitFailure(long timeoutMillis) throws InterruptedException {
        failed.await(timeoutMillis, TimeUnit.MILLISECONDS);
        return Optional.ofNullable(failure.get());
    }

    /** The metrics port, if the node serves metrics; useful when it was configured as 0. */
    public OptionalInt metricsPort() {
        return metrics == null ? OptionalInt.empty() : OptionalInt.of(metrics.port());
    }

    /** The client port, useful when it was bound to port 0. */
    public int clientPort() {
        return clientTransport.localPort();
    }

    /**
     * Stops the node cleanly: waiting clients are answered GOING_DOWN, the log is forced and
     * closed, then the ports and threads stop. Waits a bounded time for each step. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (autoCollapse != null) {
            autoCollapse.stop();
        }
        if (clientListener != null) {
            clientListener.stopIdleSweep();
        }
        if (loop != null) {
            CountDownLatch stopped = new CountDownLatch(1);
            loop.stop(stopped::countDown);
            try {
                if (!stopped.await(STOP_MILLIS_MAX, TimeUnit.MILLISECONDS)) {
                    LOG.warn("{} loop did not stop within {} ms", self, STOP_MILLIS_MAX);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (metrics != null) {
            metrics.close();
        }
        if (messenger != null) {
            messenger.close();
        }
        clientTransport.close();
        peerTransport.close();
        eventLoops.close();
        background.shutdown();
        syncer.shutdown();
        LOG.info("{} stopped", self);
    }

    private static ExecutorService namedThread(String name) {
        return Executors.newSingleThreadExecutor(
                task -> {
                    Thread thread = new Thread(task, name);
                    thread.setDaemon(true);
                    return thread;
                });
    }
}
