package io.rarakoon.messenger.netty;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Event-loop threads for {@link NettyTransport}s, with native epoll when it is available and NIO
 * otherwise. Several transports may share them, and so may other work through {@link #next()}: a
 * task queued from one of these threads to the same thread runs without waking anything, and a
 * write to a channel from its own thread goes to the socket at once.
 *
 * <p>Thread-safety: all methods may be called from any thread.
 */
public final class EventLoops implements AutoCloseable {
    /** How long {@link #close} waits for the threads to stop, in seconds. */
    static final int SHUTDOWN_TIMEOUT_SECONDS = 10;

    private final EventLoopGroup group;
    private final boolean epoll;

    private EventLoops(EventLoopGroup group, boolean epoll) {
        this.group = group;
        this.epoll = epoll;
    }

    /**
     * Starts {@code threadCount} daemon threads named {@code threadName} (with "-1", "-2", ...
     * appended when there are several).
     */
    public static EventLoops start(String threadName, int threadCount) {
        ThreadFactory threads = daemonThreads(threadName, threadCount);
        boolean epoll = Epoll.isAvailable();
        EventLoopGroup group =
                epoll
                        ? new EpollEventLoopGroup(threadCount, threads)
                        : new NioEventLoopGroup(threadCount, threads);
        return new EventLoops(group, epoll);
    }

    private static ThreadFactory daemonThreads(String threadName, int threadCount) {
        AtomicInteger started = new AtomicInteger();
        return task -> {
            String name =
                    threadCount == 1 ? threadName : threadName + "-" + started.incrementAndGet();
            // Netty's thread-local caches are fastest on its own thread class.
            Thread thread = new FastThreadLocalThread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * One of the threads, as an executor: tasks run in submission order, after the channel events
     * and tasks already queued on it. Tasks must not block for long: the thread's channels wait.
     */
    public ScheduledExecutorService next() {
        return group.next();
    }

    /** Whether the threads use native epoll (else NIO). */
    boolean epoll() {
        return epoll;
    }

    /** Why epoll is not used, for the log. */
    static String epollUnavailability() {
        return String.valueOf(Epoll.unavailabilityCause());
    }

    EventLoopGroup group() {
        return group;
    }

    Class<? extends ServerChannel> serverChannelType() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    Class<? extends SocketChannel> channelType() {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /** Stops the threads after the tasks already queued; waits for them. */
    @Override
    public void close() {
        group.shutdownGracefully(0, SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .awaitUninterruptibly(SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
