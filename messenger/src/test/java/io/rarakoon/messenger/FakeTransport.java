package io.rarakoon.messenger;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A single-threaded, deterministic {@link Transport} for tests: the test completes connects, feeds
 * bytes, flips writability and advances a fake clock; tasks and timers run only when the test says
 * so, in a fixed order. A small model of what the simulator's transport will do under a seed.
 */
final class FakeTransport implements Transport {
    private static final int TASKS_PER_RUN_MAX = 100_000;

    /** A connect attempt waiting for the test to complete or fail it. */
    record PendingConnect(PeerAddress address, StreamHandler handler) {}

    private record Timer(long dueMillis, long sequence, Runnable task) {}

    long nowMillis = 1_000;
    final List<PendingConnect> connects = new ArrayList<>();
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private final PriorityQueue<Timer> timers =
            new PriorityQueue<>(
                    (a, b) ->
                            a.dueMillis != b.dueMillis
                                    ? Long.compare(a.dueMillis, b.dueMillis)
                                    : Long.compare(a.sequence, b.sequence));
    private long timerSequence;
    private Acceptor acceptor;

    @Override
    public void connect(PeerAddress address, StreamHandler handler) {
        connects.add(new PendingConnect(address, handler));
    }

    @Override
    public void listen(Acceptor acceptor) {
        this.acceptor = acceptor;
    }

    @Override
    public void schedule(long delayMillis, Runnable task) {
        timers.add(new Timer(nowMillis + delayMillis, timerSequence++, task));
    }

    /** Opens the stream of the latest connect attempt. */
    FakeStream completeLatestConnect() {
        PendingConnect connect = connects.get(connects.size() - 1);
        FakeStream stream = new FakeStream(connect.handler());
        connect.handler().opened(stream);
        runTasks();
        return stream;
    }

    /** A peer opens a stream to us; returns our side of it. */
    FakeStream openInbound() {
        FakeStream stream = new FakeStream(null);
        stream.handler = acceptor.accepted(stream);
        return stream;
    }

    /** Moves the clock forward, running every timer that falls due, in due order. */
    void advanceMillis(long millis) {
        long targetMillis = nowMillis + millis;
        while (!timers.isEmpty() && timers.peek().dueMillis <= targetMillis) {
            Timer timer = timers.poll();
            nowMillis = Math.max(nowMillis, timer.dueMillis);
            timer.task.run();
            runTasks();
        }
        nowMillis = targetMillis;
    }

    /** Runs queued I/O-thread tasks until none is left. */
    void runTasks() {
        for (int i = 0; i < TASKS_PER_RUN_MAX && !tasks.isEmpty(); i++) {
            tasks.poll().run();
        }
        if (!tasks.isEmpty()) {
            throw new AssertionError("tasks keep coming: more than " + TASKS_PER_RUN_MAX);
        }
    }

    /** One end of a fake stream: records flushed writes, lets the test feed bytes. */
    final class FakeStream implements Stream {
        StreamHandler handler;
        final List<byte[]> flushed = new ArrayList<>();
        private final List<byte[]> unflushed = new ArrayList<>();
        boolean writable = true;
        boolean readingPaused;
        boolean closed;

        /** Whether the test plays a sender that shares the stream's I/O thread. */
        boolean senderOnIoThread;

        FakeStream(StreamHandler handler) {
            this.handler = handler;
        }

        /** Bytes arrive from the peer. */
        void feed(byte[] bytes) {
            handler.received(this, ByteBuffer.wrap(bytes));
            runTasks();
        }

        /** The peer or the network closes the stream. */
        void closeFromPeer() {
            closed = true;
            handler.closed(this, "closed by peer");
            runTasks();
        }

        void setWritable(boolean writable) {
            this.writable = writable;
            if (writable) {
                handler.writable(this);
                runTasks();
            }
        }

        @Override
        public void write(byte[] bytes) {
            if (!closed) {
                unflushed.add(bytes);
            }
        }

        @Override
        public void flush() {
            flushed.addAll(unflushed);
            unflushed.clear();
        }

        @Override
        public boolean isWritable() {
            return writable && !closed;
        }

        @Override
        public void pauseReading() {
            readingPaused = true;
        }

        @Override
        public void resumeReading() {
            readingPaused = false;
        }

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        @Override
        public boolean onIoThread() {
            return senderOnIoThread;
        }

        @Override
        public String describe() {
            return "fake";
        }
    }
}
