package io.rarakoon.client;

import io.rarakoon.client.protocol.ByteString;
import io.rarakoon.client.protocol.ConnectionFate;
import io.rarakoon.client.protocol.Consistency;
import io.rarakoon.client.protocol.DecodeStep;
import io.rarakoon.client.protocol.NamedValue;
import io.rarakoon.client.protocol.Request;
import io.rarakoon.client.protocol.RequestDecoder;
import io.rarakoon.client.protocol.Response;
import io.rarakoon.client.protocol.ResponseEncoder;
import io.rarakoon.client.protocol.ResultCode;
import io.rarakoon.client.protocol.ServerReply;
import io.rarakoon.client.protocol.Update;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * One node of an in-memory fake Arakoon cluster, for client tests: listens on 127.0.0.1 on an
 * ephemeral port, decodes with the client.protocol package, and answers from a shared {@link
 * FakeStore} with Arakoon's permission rules (writes and Consistent reads on the master only,
 * At_least checked against the store stamp). Tests can script faults for the next requests. One
 * thread accepts; one thread serves each connection; {@link #close()} stops them all.
 */
final class FakeArakoonServer implements AutoCloseable {
    /** A scripted misbehaviour for the next request other than WHO_MASTER. */
    enum Fault {
        /** Close the connection without executing or answering. */
        CLOSE_BEFORE_APPLY,
        /** Execute, then close without answering. */
        CLOSE_AFTER_APPLY,
        /** Never answer; wait for the client to give up. */
        STALL
    }

    static final int DB_BYTES = 200_000;

    private final String name;
    private final ByteString clusterId;
    private final FakeStore store;
    private final Supplier<Optional<String>> master;
    private final ServerSocket listener;
    private final Thread acceptor;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Object> faults = new ConcurrentLinkedQueue<>();
    private final AtomicInteger connectionsToReject = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();

    FakeArakoonServer(
            String name, String clusterId, FakeStore store, Supplier<Optional<String>> master)
            throws IOException {
        this.name = name;
        this.clusterId = ByteString.utf8(clusterId);
        this.store = store;
        this.master = master;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "fake-" + name + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    String name() {
        return name;
    }

    /** Makes the next request (other than WHO_MASTER) misbehave. */
    void injectFault(Fault fault) {
        faults.add(fault);
    }

    /** Makes the next request (other than WHO_MASTER) fail with {@code code}. */
    void injectFailure(ResultCode code, String message) {
        faults.add(new Response.Failure(code, ByteString.utf8(message)));
    }

    /** Answers the next {@code count} connections with MAX_CONNECTIONS at accept time. */
    void rejectConnections(int count) {
        connectionsToReject.set(count);
    }

    /** Returns how many connections this node accepted so far. */
    int acceptedConnections() {
        return accepted.get();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                accepted.incrementAndGet();
                sockets.add(socket);
                Thread worker = new Thread(() -> serve(socket), "fake-" + name + "-conn");
                worker.setDaemon(true);
                worker.start();
            } catch (IOException e) {
                return; // the listener was closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            OutputStream out = socket.getOutputStream();
            if (connectionsToReject.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                out.write(ResponseEncoder.encodeTooManyClients());
                out.flush();
                // Read what the client already sent before closing: closing with unread input
                // would reset the connection and could destroy the frame before it is read.
                socket.shutdownOutput();
                socket.getInputStream().transferTo(OutputStream.nullOutputStream());
                return;
            }
            InputStream in = socket.getInputStream();
            RequestDecoder decoder = new RequestDecoder(clusterId);
            byte[] chunk = new byte[8192];
            for (int n = in.read(chunk); n > 0; n = in.read(chunk)) {
                decoder.feed(ByteBuffer.wrap(chunk, 0, n));
                if (drain(decoder, in, out) == ConnectionFate.CLOSE) {
                    return;
                }
            }
        } catch (IOException e) {
            // The peer went away or the test closed the server: nothing left to answer.
        }
    }

    private ConnectionFate drain(RequestDecoder decoder, InputStream in, OutputStream out)
            throws IOException {
        while (true) {
            DecodeStep<Request> step = decoder.next();
            if (step instanceof DecodeStep.Failed<Request> failed) {
                ServerReply reply = failed.error().reply();
                if (reply.frame().isPresent()) {
                    out.write(reply.frame().get().toByteArray());
                    out.flush();
                }
                return ConnectionFate.CLOSE;
            }
            if (!(step instanceof DecodeStep.Decoded<Request> decoded)) {
                return ConnectionFate.KEEP_OPEN;
            }
            if (handle(decoded.value(), in, out) == ConnectionFate.CLOSE) {
                return ConnectionFate.CLOSE;
            }
        }
    }

    private ConnectionFate handle(Request request, InputStream in, OutputStream out)
            throws IOException {
        Object fault = request instanceof Request.WhoMaster ? null : faults.poll();
        if (fault == Fault.CLOSE_BEFORE_APPLY) {
            return ConnectionFate.CLOSE;
        }
        if (fault == Fault.STALL) {
            while (in.read() >= 0) {
                // Swallow whatever comes until the client closes.
            }
            return ConnectionFate.CLOSE;
        }
        Response response = fault instanceof Response.Failure failure ? failure : respond(request);
        if (fault == Fault.CLOSE_AFTER_APPLY) {
            return ConnectionFate.CLOSE;
        }
        out.write(ResponseEncoder.encode(request, response));
        if (response instanceof Response.CollapseStarted started) {
            for (int i = 0; i < started.frameCount(); i++) {
                out.write(ResponseEncoder.encodeCollapseProgress(i * 1000L));
            }
        } else if (response instanceof Response.DbHeader header) {
            out.write(dbBytes((int) header.lengthBytes()));
        }
        out.flush();
        return response instanceof Response.Failure f ? f.code().fate() : ConnectionFate.KEEP_OPEN;
    }

    static byte[] dbBytes(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }

    private boolean isMaster() {
        return master.get().filter(name::equals).isPresent();
    }

    private Response notMaster() {
        return failure(ResultCode.NOT_MASTER, master.get().orElse("None"));
    }

    private static Response failure(ResultCode code, String message) {
        return new Response.Failure(code, ByteString.utf8(message));
    }

    private Response respond(Request request) {
        try {
            Optional<Response> answer = respondInfo(request);
            if (answer.isEmpty()) {
                answer = respondAdmin(request);
            }
            if (answer.isEmpty()) {
                answer = respondRead(request);
            }
            return answer.isPresent() ? answer.get() : respondWrite(request);
        } catch (FakeStore.Refused refused) {
            return new Response.Failure(refused.code, refused.text);
        }
    }

    private Optional<Response> respondInfo(Request request) {
        Response response;
        if (request instanceof Request.WhoMaster) {
            response = new Response.MaybeText(master.get().map(ByteString::utf8));
        } else if (request instanceof Request.Ping p) {
            response =
                    p.clusterId().equals(clusterId)
                            ? new Response.Text(ByteString.utf8("Arakoon 1.8.6"))
                            : failure(ResultCode.UNKNOWN_FAILURE, "unknown failure");
        } else if (request instanceof Request.Version) {
            response = new Response.Version(1, 8, 6, ByteString.utf8("fake"));
        } else if (request instanceof Request.CurrentState) {
            response =
                    new Response.Text(
                            ByteString.utf8(isMaster() ? "Stable_master" : "Slave_steady_state"));
        } else if (request instanceof Request.GetTxid) {
            response = new Response.Txid(store.stamp());
        } else if (request instanceof Request.ExpectProgressPossible) {
            response = new Response.Flag(master.get().isPresent());
        } else if (request instanceof Request.Statistics) {
            response =
                    new Response.Statistics(
                            new NamedValue.Group(
                                    ByteString.utf8("arakoon_stats"),
                                    List.of(new NamedValue.Float(ByteString.utf8("start"), 1.5))));
        } else {
            return Optional.empty();
        }
        return Optional.of(response);
    }

    private Optional<Response> respondAdmin(Request request) {
        boolean needsSlave =
                request instanceof Request.OptimizeDb
                        || request instanceof Request.DefragDb
                        || request instanceof Request.CopyDbToHead
                        || request instanceof Request.GetDb;
        if (needsSlave && isMaster()) {
            return Optional.of(
                    failure(
                            ResultCode.NOT_SUPPORTED,
                            "Operation cannot be performed on master node"));
        }
        if (request instanceof Request.GetDb) {
            return Optional.of(new Response.DbHeader(DB_BYTES));
        }
        if (request instanceof Request.CollapseTlogs c) {
            return Optional.of(
                    c.tlogsToKeep() < 1
                            ? failure(
                                    ResultCode.UNKNOWN_FAILURE,
                                    c.tlogsToKeep() + " is not acceptable")
                            : new Response.CollapseStarted(3));
        }
        if (needsSlave
                || request instanceof Request.FlushStore
                || request instanceof Request.DropMaster) {
            return Optional.of(new Response.Done());
        }
        return Optional.empty();
    }

    private Optional<Response> respondRead(Request request) throws FakeStore.Refused {
        Optional<Consistency> consistency = consistencyOf(request);
        if (consistency.isEmpty()) {
            return Optional.empty();
        }
        Optional<Response> refused = readPermission(consistency.get());
        return refused.isPresent() ? refused : Optional.of(FakeReads.answer(store, request));
    }

    private Optional<Response> readPermission(Consistency consistency) {
        if (consistency instanceof Consistency.Consistent && !isMaster()) {
            return Optional.of(notMaster());
        }
        if (consistency instanceof Consistency.AtLeast atLeast && atLeast.stamp() > store.stamp()) {
            return Optional.of(failure(ResultCode.INCONSISTENT_READ, "store not fresh enough"));
        }
        return Optional.empty();
    }

    private static Optional<Consistency> consistencyOf(Request request) {
        if (request instanceof Request.GetKeyCount) {
            return Optional.of(Consistency.CONSISTENT);
        }
        return FakeReads.consistencyOf(request);
    }

    private Response respondWrite(Request request) throws FakeStore.Refused {
        if (request instanceof Request.UserFunction f && !FakeStore.knowsFunction(f.name())) {
            return failure(
                    ResultCode.BAD_INPUT,
                    "User function \"" + f.name().toUtf8() + "\" could not be found");
        }
        if (!isMaster()) {
            return notMaster();
        }
        if (request instanceof Request.Set r) {
            store.apply(List.of(new Update.Set(r.key(), r.value())));
        } else if (request instanceof Request.Confirm r) {
            store.apply(List.of(new Update.Set(r.key(), r.value())));
        } else if (request instanceof Request.Delete r) {
            store.apply(List.of(new Update.Delete(r.key())));
        } else if (request instanceof Request.TestAndSet r) {
            return new Response.MaybeText(
                    store.write(new Update.TestAndSet(r.key(), r.expected(), r.wanted())));
        } else if (request instanceof Request.Replace r) {
            return new Response.MaybeText(store.write(new Update.Replace(r.key(), r.wanted())));
        } else if (request instanceof Request.DeletePrefix r) {
            return new Response.Count(store.deletePrefix(r.prefix()));
        } else if (request instanceof Request.Sequence r) {
            store.apply(r.steps());
        } else if (request instanceof Request.SyncedSequence r) {
            store.apply(r.steps());
        } else if (request instanceof Request.UserFunction r) {
            return new Response.MaybeText(store.userFunction(r.name(), r.argument()));
        } else if (request instanceof Request.Nop) {
            store.apply(List.of());
        } else {
            return failure(ResultCode.UNKNOWN_FAILURE, "fake server lacks " + request.command());
        }
        return new Response.Done();
    }

    /** Stops accepting, closes every connection and waits for the acceptor to end. */
    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : new ArrayList<>(sockets)) {
            socket.close();
        }
        try {
            acceptor.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
