package io.rarakoon.messenger.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.rarakoon.messenger.Acceptor;
import io.rarakoon.messenger.StreamHandler;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one channel's Netty events into {@link StreamHandler} calls, on the channel's event loop.
 * For an outgoing channel the handler is known up front; for an accepted one the {@link Acceptor}
 * in force when the stream opens supplies it (no acceptor yet: the channel is closed). A plain
 * stream opens when its TCP connection does; a TLS stream only once its handshake succeeded, so a
 * peer that fails it (plaintext, a certificate from another CA, no certificate) never reaches a
 * handler: the channel is closed with a WARN line, and an outgoing attempt reports a failed
 * connect.
 */
final class StreamChannelHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(StreamChannelHandler.class);

    private final Supplier<Acceptor> acceptor;
    private final boolean tls;
    private final boolean outgoing;
    private StreamHandler handler;
    private NettyStream stream;

    /** Why the channel closed, when we know better than "closed"; a failed handshake wins. */
    private String closeReason;

    /** Whether the stream was handed to its handler, which then hears every later event. */
    private boolean open;

    private StreamChannelHandler(StreamHandler handler, Supplier<Acceptor> acceptor, boolean tls) {
        this.handler = handler;
        this.acceptor = acceptor;
        this.tls = tls;
        this.outgoing = handler != null;
    }

    static StreamChannelHandler outgoing(StreamHandler handler, boolean tls) {
        return new StreamChannelHandler(handler, () -> null, tls);
    }

    static StreamChannelHandler accepted(Supplier<Acceptor> acceptor, boolean tls) {
        return new StreamChannelHandler(null, acceptor, tls);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (!tls) {
            open(ctx);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent done) {
            if (done.isSuccess()) {
                open(ctx);
            } else {
                handshakeFailed(ctx, done.cause());
            }
        }
        ctx.fireUserEventTriggered(event);
    }

    private void open(ChannelHandlerContext ctx) {
        stream = new NettyStream(ctx.channel());
        if (outgoing) {
            open = true;
            handler.opened(stream);
            return;
        }
        Acceptor current = acceptor.get();
        if (current == null) {
            LOG.info("closing stream {}: not listening yet", stream.describe());
            ctx.close();
            return;
        }
        open = true;
        handler = current.accepted(stream);
    }

    private void handshakeFailed(ChannelHandlerContext ctx, Throwable cause) {
        Object remote = ctx.channel().remoteAddress();
        if (cause instanceof NotSslRecordException) {
            closeReason = "plaintext on a TLS port";
            LOG.warn("refused {}: it sent plaintext to a TLS port", remote);
        } else {
            closeReason = "TLS handshake failed: " + cause.getMessage();
            LOG.warn("refused {}: {}", remote, closeReason);
        }
        ctx.close();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        ByteBuf buffer = (ByteBuf) message;
        try {
            if (open) {
                // A view of Netty's buffer, not a copy: the handler copies into its own buffer.
                handler.received(stream, buffer.nioBuffer());
            }
        } finally {
            buffer.release();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (open && ctx.channel().isWritable()) {
            handler.writable(stream);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (open) {
            handler.closed(stream, closeReason());
        } else if (outgoing) {
            handler.connectFailed(closeReason());
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A failed TLS handshake also arrives here, before or after its event; the event's
        // reason is the one reported.
        if (closeReason == null) {
            closeReason = String.valueOf(cause);
        }
        LOG.debug("closing stream {}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    private String closeReason() {
        return closeReason == null ? "closed" : closeReason;
    }
}
