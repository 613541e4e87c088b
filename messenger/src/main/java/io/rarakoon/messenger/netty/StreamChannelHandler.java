package io.rarakoon.messenger.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.rarakoon.messenger.Acceptor;
import io.rarakoon.messenger.StreamHandler;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one channel's Netty events into {@link StreamHandler} calls, on the channel's event loop.
 * For an outgoing channel the handler is known up front; for an accepted one the {@link Acceptor}
 * in force when the channel becomes active supplies it (no acceptor yet: the channel is closed).
 */
final class StreamChannelHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(StreamChannelHandler.class);

    private final Supplier<Acceptor> acceptor;
    private StreamHandler handler;
    private NettyStream stream;
    private String closeReason = "closed";

    private StreamChannelHandler(StreamHandler handler, Supplier<Acceptor> acceptor) {
        this.handler = handler;
        this.acceptor = acceptor;
    }

    static StreamChannelHandler outgoing(StreamHandler handler) {
        return new StreamChannelHandler(handler, () -> null);
    }

    static StreamChannelHandler accepted(Supplier<Acceptor> acceptor) {
        return new StreamChannelHandler(null, acceptor);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        stream = new NettyStream(ctx.channel());
        if (handler != null) {
            handler.opened(stream);
            return;
        }
        Acceptor current = acceptor.get();
        if (current == null) {
            LOG.info("closing stream {}: not listening yet", stream.describe());
            ctx.close();
            return;
        }
        handler = current.accepted(stream);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        ByteBuf buffer = (ByteBuf) message;
        try {
            if (handler != null) {
                byte[] bytes = new byte[buffer.readableBytes()];
                buffer.readBytes(bytes);
                handler.received(stream, bytes);
            }
        } finally {
            buffer.release();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (handler != null && ctx.channel().isWritable()) {
            handler.writable(stream);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (handler != null) {
            handler.closed(stream, closeReason);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        closeReason = String.valueOf(cause);
        LOG.debug("closing stream {}: {}", ctx.channel().remoteAddress(), closeReason);
        ctx.close();
    }
}
