package io.rarakoon.bench;

import io.rarakoon.connection.ConnectionPolicy;
import io.rarakoon.messenger.InboundSink;
import io.rarakoon.messenger.MessengerConfig;
import io.rarakoon.messenger.PeerAddress;
import io.rarakoon.messenger.PeerMessenger;
import io.rarakoon.messenger.netty.NettyTransport;
import io.rarakoon.wire.CatchupEntry;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Messages per second from one messenger to another over 127.0.0.1 (Netty, epoll where available):
 * each invocation sends a batch and waits until the receiver's sink has counted all of it, so the
 * score is delivered messages, never dropped ones. Message = catch-up entry with the payload size.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MessengerBenchmark {
    private static final int BATCH_MESSAGES = 256;
    private static final long DELIVERY_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final long PROBE_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final ConnectionPolicy POLICY = new ConnectionPolicy(10, 200, 5_000);

    @Param({"100", "4096"})
    public int payloadBytes;

    private final AtomicLong received = new AtomicLong();
    private NettyTransport senderTransport;
    private NettyTransport receiverTransport;
    private PeerMessenger sender;
    private PeerMessenger receiver;
    private CatchupEntry message;
    private long sentCount;

    @Setup(Level.Trial)
    public void connect() throws IOException {
        senderTransport = NettyTransport.bind("127.0.0.1", 0, 1);
        receiverTransport = NettyTransport.bind("127.0.0.1", 0, 1);
        PeerAddress toReceiver = new PeerAddress("b", "127.0.0.1", receiverTransport.localPort());
        PeerAddress toSender = new PeerAddress("a", "127.0.0.1", senderTransport.localPort());
        sender = messenger("a", toReceiver, senderTransport, (peer, m) -> {});
        receiver =
                messenger(
                        "b", toSender, receiverTransport, (peer, m) -> received.incrementAndGet());
        message = new CatchupEntry(1, new byte[payloadBytes]);
        // Probe until the link carries a message; count only the probes that were queued.
        long deadlineNanos = System.nanoTime() + DELIVERY_TIMEOUT_NANOS;
        while (received.get() == 0) {
            if (System.nanoTime() > deadlineNanos) {
                throw new IllegalStateException("no connection: " + sender.stats());
            }
            if (sender.send("b", message)) {
                sentCount++;
            }
            long probeEndNanos = System.nanoTime() + PROBE_WAIT_NANOS;
            while (received.get() == 0 && System.nanoTime() < probeEndNanos) {
                Thread.onSpinWait();
            }
        }
        awaitReceived(sentCount, deadlineNanos);
    }

    private static PeerMessenger messenger(
            String self, PeerAddress peer, NettyTransport transport, InboundSink sink) {
        PeerMessenger messenger =
                new PeerMessenger(
                        new MessengerConfig(
                                "bench", self, List.of(peer), 4 * BATCH_MESSAGES, POLICY),
                        transport,
                        sink,
                        () -> System.nanoTime() / 1_000_000,
                        new SplittableRandom(42));
        messenger.start();
        return messenger;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH_MESSAGES)
    public void sendBatch() {
        for (int i = 0; i < BATCH_MESSAGES; i++) {
            if (!sender.send("b", message)) {
                throw new IllegalStateException("dropped: " + sender.stats());
            }
        }
        sentCount += BATCH_MESSAGES;
        awaitReceived(sentCount, System.nanoTime() + DELIVERY_TIMEOUT_NANOS);
    }

    private void awaitReceived(long count, long deadlineNanos) {
        while (received.get() < count) {
            if (System.nanoTime() > deadlineNanos) {
                throw new IllegalStateException("receiver stuck at " + received.get());
            }
            Thread.onSpinWait();
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        sender.close();
        receiver.close();
        senderTransport.close();
        receiverTransport.close();
    }
}
