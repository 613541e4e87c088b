package io.rarakoon.messenger.netty;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.rarakoon.messenger.Acceptor;
import io.rarakoon.messenger.PeerAddress;
import io.rarakoon.messenger.StreamHandler;
import io.rarakoon.messenger.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production {@link Transport}: TCP over Netty on {@link EventLoops} of its own or shared with
 * other transports, and optionally TLS on every stream ({@link TransportTls}). It listens from the
 * moment it is bound (accepted streams are closed until {@link #listen} names an acceptor), and its
 * event loops also run the timer. Each stream's outbound queue has a high-water mark, so writers
 * that check {@code isWritable} bound its bytes.
 *
 * <p>Thread-safety: all methods may be called from any thread.
 */
public final class NettyTransport implements Transport, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NettyTransport.class);

    /**
     * Outbound bytes queued per stream above which it reports "not writable": 256 KiB, a few
     * milliseconds of a 1 Gbit/s link, so a slow peer costs little memory and its excess piles up
     * in the (dropping) send buffer instead.
     */
    static final int WRITE_BUFFER_BYTES_HIGH = 256 * 1024;

    /** Outbound bytes below which a stream is writable again. */
    static final int WRITE_BUFFER_BYTES_LOW = 64 * 1024;

    /** How long a TCP connect may take before Netty fails it, in milliseconds. */
    static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private static final WriteBufferWaterMark WATER_MARK =
            new WriteBufferWaterMark(WRITE_BUFFER_BYTES_LOW, WRITE_BUFFER_BYTES_HIGH);

    private final EventLoops loops;

    /** Whether {@link #close} stops the event loops: they were started for this transport alone. */
    private final boolean ownsLoops;

    private final Channel serverChannel;
    private final Optional<TransportTls> tls;

    /** Set by {@link #listen}; read by every accepted channel when it becomes active. */
    private final AtomicReference<Acceptor> acceptor;

    private NettyTransport(
            EventLoops loops,
            boolean ownsLoops,
            Channel server,
            AtomicReference<Acceptor> acceptor,
            Optional<TransportTls> tls) {
        this.loops = loops;
        this.ownsLoops = ownsLoops;
        this.serverChannel = server;
        this.acceptor = acceptor;
        this.tls = tls;
    }

    /**
     * Binds a listening socket for plain TCP streams on event loops of its own, which {@link
     * #close} stops. Returns once the socket is bound.
     *
     * @param host the address to listen on, such as "127.0.0.1"
     * @param port the port, or 0 for an ephemeral one (see {@link #localPort()})
     * @param threadCount event-loop threads, at least 1
     * @throws IOException if the address cannot be bound
     */
    public static NettyTransport bind(String host, int port, int threadCount) throws IOException {
        return bind(host, port, threadCount, Optional.empty());
    }

    /**
     * As {@link #bind(String, int, int)}; with {@code tls} present, every stream of this transport,
     * accepted or outgoing, speaks TLS, and opens to its handler only after the TLS handshake
     * succeeded. A stream that fails it is closed with a WARN line naming the remote address and
     * the reason (plaintext on a TLS port, an untrusted or missing certificate).
     */
    public static NettyTransport bind(
            String host, int port, int threadCount, Optional<TransportTls> tls) throws IOException {
        EventLoops loops = EventLoops.start("transport", threadCount);
        try {
            return bind(host, port, loops, true, tls);
        } catch (IOException e) {
            loops.close();
            throw e;
        }
    }

    /**
     * As {@link #bind(String, int, int, Optional)}, on shared event loops, which stay running after
     * {@link #close}.
     *
     * @throws IOException if the address cannot be bound
     */
    public static NettyTransport bind(
            String host, int port, EventLoops loops, Optional<TransportTls> tls)
            throws IOException {
        return bind(host, port, loops, false, tls);
    }

    private static NettyTransport bind(
            String host, int port, EventLoops loops, boolean ownsLoops, Optional<TransportTls> tls)
            throws IOException {
        AtomicReference<Acceptor> acceptor = new AtomicReference<>();
        ChannelFuture bound =
                new ServerBootstrap()
                        .group(loops.group())
                        .channel(loops.serverChannelType())
                        .option(ChannelOption.SO_REUSEADDR, true)
                        .childOption(ChannelOption.TCP_NODELAY, true)
                        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                        .childHandler(
                                new ChannelInitializer<SocketChannel>() {
                                    @Override
                                    protected void initChannel(SocketChannel channel) {
                                        tls.ifPresent(t -> addTls(channel, t, false));
                                        channel.pipeline()
                                                .addLast(
                                                        StreamChannelHandler.accepted(
                                                                acceptor::get, tls.isPresent()));
                                    }
                                })
                        .bind(host, port)
                        .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new IOException("cannot bind " + host + ":" + port, bound.cause());
        }
        if (loops.epoll()) {
            LOG.info("listening on {} (epoll)", bound.channel().localAddress());
        } else {
            LOG.info(
                    "listening on {} (nio: {})",
                    bound.channel().localAddress(),
                    EventLoops.epollUnavailability());
        }
        return new NettyTransport(loops, ownsLoops, bound.channel(), acceptor, tls);
    }

    private static void addTls(Channel channel, TransportTls tls, boolean clientMode) {
        channel.pipeline().addLast(new SslHandler(tls.engine(clientMode)));
    }

    /** The port the transport listens on (the ephemeral one if it was bound to port 0). */
    public int localPort() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    @Override
    public void connect(PeerAddress address, StreamHandler handler) {
        new Bootstrap()
                .group(loops.group())
                .channel(loops.channelType())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .handler(
                        new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel channel) {
                                tls.ifPresent(t -> addTls(channel, t, true));
                                channel.pipeline()
                                        .addLast(
                                                StreamChannelHandler.outgoing(
                                                        handler, tls.isPresent()));
                            }
                        })
                .connect(address.host(), address.port())
                .addListener(
                        (ChannelFuture future) -> {
                            if (!future.isSuccess()) {
                                handler.connectFailed(String.valueOf(future.cause()));
                            }
                        });
    }

    @Override
    public void listen(Acceptor acceptor) {
        this.acceptor.set(acceptor);
    }

    /** {@inheritDoc} Tasks scheduled after {@link #close} are dropped. */
    @Override
    public void schedule(long delayMillis, Runnable task) {
        try {
            loops.group().schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("timer task dropped: transport is shutting down");
        }
    }

    /**
     * Stops listening; stops its own event loops, which closes every stream, and waits for them. On
     * shared event loops the streams stay open until their owners close them or the loops stop.
     */
    @Override
    public void close() {
        serverChannel.close().awaitUninterruptibly();
        if (ownsLoops) {
            loops.close();
        }
    }
}
