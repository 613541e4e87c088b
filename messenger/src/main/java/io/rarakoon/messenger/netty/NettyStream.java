package io.rarakoon.messenger.netty;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.rarakoon.messenger.Stream;

/** A {@link Stream} over one Netty channel; every method may be called from any thread. */
final class NettyStream implements Stream {
    private final Channel channel;

    NettyStream(Channel channel) {
        this.channel = channel;
    }

    @Override
    public void write(byte[] bytes) {
        channel.write(Unpooled.wrappedBuffer(bytes), channel.voidPromise());
    }

    @Override
    public void flush() {
        channel.flush();
    }

    @Override
    public boolean isWritable() {
        return channel.isWritable();
    }

    @Override
    public void pauseReading() {
        channel.config().setAutoRead(false);
    }

    @Override
    public void resumeReading() {
        channel.config().setAutoRead(true);
    }

    @Override
    public void close() {
        channel.close();
    }

    @Override
    public void execute(Runnable task) {
        channel.eventLoop().execute(task);
    }

    @Override
    public boolean onIoThread() {
        return channel.eventLoop().inEventLoop();
    }

    @Override
    public String describe() {
        return String.valueOf(channel.remoteAddress());
    }

    @Override
    public String toString() {
        return describe();
    }
}
