package io.rarakoon.client;

import io.rarakoon.client.protocol.ByteString;
import io.rarakoon.client.protocol.DecodeStep;
import io.rarakoon.client.protocol.Limits;
import io.rarakoon.client.protocol.Request;
import io.rarakoon.client.protocol.RequestEncoder;
import io.rarakoon.client.protocol.Response;
import io.rarakoon.client.protocol.ResponseDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * One TCP connection to one node: sends the prologue once, then one request at a time and reads its
 * answer. Used by one thread at a time (the client's lock).
 */
final class Connection implements AutoCloseable {
    /** Decodes one frame from the bytes buffered so far. */
    @FunctionalInterface
    interface FrameDecoder {
        DecodeStep<Response> decode(byte[] buffer, int offset, int length);
    }

    private final NodeEndpoint node;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Time time;
    private byte[] buffer = new byte[Limits.READ_CHUNK_BYTES];
    private int buffered;

    private Connection(NodeEndpoint node, Socket socket, Time time) throws IOException {
        this.node = node;
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.time = time;
    }

    /**
     * Connects, completes the TLS handshake when {@code tls} is present (within the connect
     * timeout), and sends the prologue (the server does not answer it).
     */
    static Connection open(
            NodeEndpoint node,
            ByteString clusterId,
            long connectTimeoutMillis,
            Optional<SSLContext> tls,
            Time time)
            throws LinkFailure {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(
                    new InetSocketAddress(node.host(), node.port()), (int) connectTimeoutMillis);
            if (tls.isPresent()) {
                socket = handshake(tls.get(), socket, node, connectTimeoutMillis);
            }
            Connection connection = new Connection(node, socket, time);
            connection.send(RequestEncoder.encodePrologue(clusterId));
            return connection;
        } catch (IOException e) {
            closeQuietly(socket);
            throw new LinkFailure("cannot connect to " + node.name() + ": " + e, false, e);
        }
    }

    /** Layers TLS over a connected socket; closing the result closes {@code plain}. */
    private static Socket handshake(
            SSLContext tls, Socket plain, NodeEndpoint node, long timeoutMillis)
            throws IOException {
        SSLSocket socket =
                (SSLSocket)
                        tls.getSocketFactory().createSocket(plain, node.host(), node.port(), true);
        socket.setSoTimeout((int) timeoutMillis);
        try {
            socket.startHandshake();
        } catch (IOException e) {
            closeQuietly(socket);
            throw new IOException("TLS handshake failed: " + e.getMessage(), e);
        }
        return socket;
    }

    NodeEndpoint node() {
        return node;
    }

    /** Sends {@code request} and decodes its answer before {@code deadlineNanos}. */
    Response call(Request request, long deadlineNanos) throws LinkFailure {
        sendRequest(request);
        return readFrame(
                (b, off, len) -> ResponseDecoder.decode(request, b, off, len), deadlineNanos);
    }

    void sendRequest(Request request) throws LinkFailure {
        try {
            send(RequestEncoder.encode(request));
        } catch (IOException e) {
            throw new LinkFailure(
                    request.command() + " to " + node.name() + " not sent: " + e, false, e);
        }
    }

    private void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads until {@code decoder} yields a frame; keeps any bytes after it for the next frame. */
    Response readFrame(FrameDecoder decoder, long deadlineNanos) throws LinkFailure {
        int needed = 1;
        while (true) {
            if (buffered >= needed) {
                DecodeStep<Response> step = decoder.decode(buffer, 0, buffered);
                if (step instanceof DecodeStep.Decoded<Response> decoded) {
                    consume(decoded.bytesConsumed());
                    return decoded.value();
                }
                if (step instanceof DecodeStep.Failed<Response> failed) {
                    throw new LinkFailure(
                            node.name()
                                    + " sent an undecodable answer: "
                                    + failed.error().message(),
                            true,
                            null);
                }
                needed = ((DecodeStep.NeedMoreBytes<Response>) step).bufferedBytesMin();
            }
            readSome(Math.max(needed, buffered + 1), deadlineNanos);
        }
    }

    /** Moves up to {@code bytesMax} buffered bytes, then socket bytes, into {@code sink}. */
    int readRaw(byte[] sink, int bytesMax, long idleTimeoutMillis) throws LinkFailure {
        if (buffered > 0) {
            int n = Math.min(buffered, bytesMax);
            System.arraycopy(buffer, 0, sink, 0, n);
            consume(n);
            return n;
        }
        try {
            socket.setSoTimeout((int) idleTimeoutMillis);
            int n = in.read(sink, 0, bytesMax);
            if (n < 0) {
                throw new LinkFailure(
                        node.name() + " closed the connection mid-stream", true, null);
            }
            return n;
        } catch (IOException e) {
            throw asLinkFailure(e);
        }
    }

    private void readSome(int bufferedBytesMin, long deadlineNanos) throws LinkFailure {
        if (bufferedBytesMin > Limits.RESPONSE_BYTES_MAX) {
            throw new LinkFailure(
                    "answer of "
                            + node.name()
                            + " needs at least "
                            + bufferedBytesMin
                            + " bytes, exceeds responseBytesMax "
                            + Limits.RESPONSE_BYTES_MAX,
                    true,
                    null);
        }
        if (buffer.length < bufferedBytesMin) {
            buffer =
                    Arrays.copyOf(
                            buffer,
                            Math.max(
                                    bufferedBytesMin,
                                    (int) Math.min(Limits.RESPONSE_BYTES_MAX, buffer.length * 2L)));
        }
        long remainingMillis = (deadlineNanos - time.monotonicNanos()) / 1_000_000;
        if (remainingMillis <= 0) {
            throw new LinkFailure(
                    "no answer from " + node.name() + " before the timeout", true, null);
        }
        try {
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, remainingMillis));
            // Read everything that already arrived, so a large answer is decoded few times.
            do {
                if (buffered == buffer.length) {
                    break;
                }
                int n = in.read(buffer, buffered, buffer.length - buffered);
                if (n < 0) {
                    throw new LinkFailure(node.name() + " closed the connection", true, null);
                }
                buffered += n;
            } while (in.available() > 0);
        } catch (IOException e) {
            throw asLinkFailure(e);
        }
    }

    private LinkFailure asLinkFailure(IOException e) {
        if (e instanceof LinkFailure failure) {
            return failure;
        }
        String what = e instanceof SocketTimeoutException ? "timed out" : "failed: " + e;
        return new LinkFailure("reading from " + node.name() + " " + what, true, e);
    }

    private void consume(int bytes) {
        System.arraycopy(buffer, bytes, buffer, 0, buffered - bytes);
        buffered -= bytes;
    }

    @Override
    public void close() {
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is best effort: the connection is abandoned either way.
        }
    }
}
