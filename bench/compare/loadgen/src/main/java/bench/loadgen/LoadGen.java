package bench.loadgen;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Bounded closed-loop load generator. Subcommands:
 *
 * <pre>
 * run          --system etcd|zk|noop|CLASS --endpoints h:p,... --workload put|get
 *              [--clients 1] [--conns =clients] [--ops 5000] [--value-size 100]
 *              [--warmup-seconds 10] [--warmup-ops 1000000] [--keys 1000 (get: preloaded keys)]
 *              [--batch 10 (workload batch: keys per atomic multi-put)]
 *              [--max-seconds 120] [--label TEXT] [--out results.jsonl]
 *              [--server-pids PID,... (report server CPU per op)] [--clk-tck 100]
 * fsync        --dir /tmp/x [--block 4096] [--count 4000] [--mode append|overwrite] [--max-seconds 60]
 * tcp-pingpong [--size 64] [--iters 20000] [--warmup 2000] [--max-seconds 60]
 * </pre>
 *
 * Each run prints a human summary on stderr and one JSON line on stdout (and appends it to --out).
 * Warmup runs the same operation shape, unrecorded, until --warmup-seconds or --warmup-ops is
 * reached (whichever first): client stacks such as jetcd (gRPC, Netty, Vert.x) need several
 * seconds of JIT compilation before their per-op cost settles on a 2-core machine.
 */
public final class LoadGen {
    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        if (args.length == 0) {
            System.err.println("usage: run|fsync|tcp-pingpong [options]  (see LoadGen.java)");
            System.exit(2);
        }
        Options o = new Options(Arrays.copyOfRange(args, 1, args.length));
        String line;
        switch (args[0]) {
            case "run":
                line = run(o);
                break;
            case "fsync":
                line = fsync(o);
                break;
            case "tcp-pingpong":
                line = pingPong(o);
                break;
            default:
                throw new IllegalArgumentException("unknown subcommand " + args[0]);
        }
        System.out.println(line);
        String out = o.str("out", null);
        if (out != null) {
            try (PrintWriter w = new PrintWriter(new FileWriter(out, true))) {
                w.println(line);
            }
        }
        System.exit(line.contains("\"aborted\":true") ? 1 : 0);
    }

    interface Op {
        void apply(KvClient c, int i) throws Exception;
    }

    /** Result of one phase: latencies of ops [0, issued) and wall time. */
    static final class Phase {
        long[] lat;
        int issued;
        int errors;
        double seconds;
        boolean aborted;
        Throwable firstError;
    }

    /**
     * Runs ops 0..ops-1 with `clients` threads, worker w using conns[w % conns.length]; each
     * thread takes the next op index until all are taken or the deadline passes.
     */
    static Phase phase(KvClient[] conns, int clients, int ops, long deadlineNs, Op op) throws InterruptedException {
        Phase ph = new Phase();
        ph.lat = new long[ops];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicReference<Throwable> first = new AtomicReference<>();
        int maxErrors = Math.max(10, ops / 100);
        CountDownLatch start = new CountDownLatch(1);
        Thread[] threads = new Thread[clients];
        for (int w = 0; w < clients; w++) {
            KvClient c = conns[w % conns.length];
            threads[w] = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                while (true) {
                    if (errors.get() > maxErrors || System.nanoTime() > deadlineNs) {
                        return;
                    }
                    int i = next.getAndIncrement();
                    if (i >= ops) {
                        return;
                    }
                    long t0 = System.nanoTime();
                    try {
                        op.apply(c, i);
                        ph.lat[i] = System.nanoTime() - t0;
                    } catch (Throwable e) {
                        ph.lat[i] = -1;
                        errors.incrementAndGet();
                        first.compareAndSet(null, e);
                    }
                }
            }, "worker-" + w);
            threads[w].start();
        }
        long t0 = System.nanoTime();
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        ph.seconds = (System.nanoTime() - t0) / 1e9;
        ph.issued = Math.min(ops, next.get());
        ph.errors = errors.get();
        ph.firstError = first.get();
        ph.aborted = ph.errors > maxErrors || ph.issued < ops;
        return ph;
    }

    static String key(String prefix, char kind, int i) {
        return prefix + "/" + kind + String.format(Locale.ROOT, "%08d", i);
    }

    static java.util.List<String> batchKeys(String prefix, char kind, int op, int batch) {
        java.util.List<String> keys = new java.util.ArrayList<>(batch);
        for (int j = 0; j < batch; j++) {
            keys.add(key(prefix, kind, op * batch + j));
        }
        return keys;
    }

    static String run(Options o) throws Exception {
        String systemName = o.required("system");
        String workload = o.str("workload", "put");
        int clients = o.integer("clients", 1);
        int nconns = Math.min(clients, o.integer("conns", clients));
        int ops = o.integer("ops", 5000);
        int valueSize = o.integer("value-size", 100);
        int warmup = o.integer("warmup-ops", 1_000_000);
        double warmupSeconds = o.dbl("warmup-seconds", 10);
        int keys = o.integer("keys", 1000);
        double maxSeconds = o.dbl("max-seconds", 120);
        String label = o.str("label", "");
        long deadline = System.nanoTime() + (long) (maxSeconds * 1e9);

        byte[] value = new byte[valueSize];
        new Random().nextBytes(value);
        String tag = Long.toString(System.currentTimeMillis(), 36) + Integer.toString(ThreadLocalRandom.current().nextInt(1296), 36);
        String prefix = "bench/" + tag;

        KvSystem sys = Systems.create(systemName, o);
        KvClient[] conns = new KvClient[nconns];
        Phase ph;
        String warmupNote = "";
        CpuMeter cpu = new CpuMeter(o);
        String cpuJson;
        try {
            sys.prepare(prefix);
            long tc = System.nanoTime();
            for (int c = 0; c < nconns; c++) {
                conns[c] = sys.connect(c);
            }
            System.err.printf(Locale.ROOT, "[%s] %d connection(s) opened in %.2fs: %s%n", label, nconns,
                    (System.nanoTime() - tc) / 1e9, sys.describe());
            if ("put".equals(workload)) {
                if (warmup > 0 && warmupSeconds > 0) {
                    Phase w = phase(conns, clients, warmup, warmupDeadline(deadline, warmupSeconds),
                            (c, i) -> c.put(key(prefix, 'w', i), value));
                    warmupNote = warmupSummary(w);
                }
                cpu.start();
                ph = phase(conns, clients, ops, deadline, (c, i) -> c.put(key(prefix, 'p', i), value));
                cpuJson = cpu.stop(ph.issued);
            } else if ("batch".equals(workload)) {
                int batch = o.integer("batch", 10);
                if (warmup > 0 && warmupSeconds > 0) {
                    Phase w = phase(conns, clients, warmup, warmupDeadline(deadline, warmupSeconds),
                            (c, i) -> c.putAll(batchKeys(prefix, 'x', i, batch), value));
                    warmupNote = warmupSummary(w);
                }
                cpu.start();
                ph = phase(conns, clients, ops, deadline, (c, i) -> c.putAll(batchKeys(prefix, 'b', i, batch), value));
                cpuJson = cpu.stop(ph.issued);
            } else if ("get".equals(workload)) {
                Phase load = phase(conns, clients, keys, deadline, (c, i) -> c.put(key(prefix, 'k', i), value));
                check("preload", load);
                Op get = (c, i) -> {
                    byte[] v = c.get(key(prefix, 'k', ThreadLocalRandom.current().nextInt(keys)));
                    if (v == null || v.length != valueSize) {
                        throw new IllegalStateException("bad read: " + (v == null ? "missing" : v.length + " bytes"));
                    }
                };
                if (warmup > 0 && warmupSeconds > 0) {
                    warmupNote = warmupSummary(phase(conns, clients, warmup, warmupDeadline(deadline, warmupSeconds), get));
                }
                cpu.start();
                ph = phase(conns, clients, ops, deadline, get);
                cpuJson = cpu.stop(ph.issued);
            } else {
                throw new IllegalArgumentException("--workload put|get|batch");
            }
        } finally {
            for (KvClient c : conns) {
                if (c != null) {
                    try {
                        c.close();
                    } catch (Exception e) {
                        // ignore
                    }
                }
            }
            sys.close();
        }
        Stats s = new Stats(ph.lat, ph.issued, ph.seconds);
        System.err.printf(Locale.ROOT, "[%s] %s %s clients=%d conns=%d: %s; errors %d%s; cpu %s%n", label, systemName,
                workload, clients, nconns, s.human(), ph.errors, ph.aborted ? " ABORTED (deadline or errors)" : "", cpuJson);
        if (ph.firstError != null) {
            System.err.println("first error: " + ph.firstError);
        }
        return String.format(Locale.ROOT,
                "{\"kind\":\"kv\",\"label\":\"%s\",\"system\":\"%s\",\"workload\":\"%s\",\"clients\":%d,\"conns\":%d,"
                        + "\"ops\":%d,\"value_size\":%d,\"errors\":%d,\"aborted\":%b,%s%s,\"config\":\"%s\",\"warmup\":\"%s\"}",
                esc(label), esc(systemName), workload, clients, nconns, ops, valueSize, ph.errors, ph.aborted,
                s.json(), cpuJson, esc(sys.describe()), esc(warmupNote));
    }

    static long warmupDeadline(long runDeadline, double warmupSeconds) {
        return Math.min(runDeadline, System.nanoTime() + (long) (warmupSeconds * 1e9));
    }

    static String warmupSummary(Phase w) {
        Stats s = new Stats(w.lat, w.issued, w.seconds);
        if (w.errors > 0) {
            System.err.println("warmup errors: " + w.errors + ", first: " + w.firstError);
        }
        return String.format(Locale.ROOT, "%d ops in %.1fs, last-phase p50 %.0fus, %d errors", s.n, s.seconds, s.p50Us, w.errors);
    }

    static void check(String what, Phase p) {
        if (p.aborted) {
            throw new IllegalStateException(what + " did not complete: " + p.issued + " issued, " + p.errors
                    + " errors, first: " + p.firstError, p.firstError);
        }
    }

    static String esc(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** Appends (or overwrites) `block` bytes then fdatasync (FileChannel.force(false)), `count` times. */
    static String fsync(Options o) throws IOException {
        Path dir = Path.of(o.required("dir"));
        int block = o.integer("block", 4096);
        int count = o.integer("count", 4000);
        String mode = o.str("mode", "append");
        double maxSeconds = o.dbl("max-seconds", 60);
        Files.createDirectories(dir);
        Path file = dir.resolve("fsync-" + mode + "-" + System.nanoTime() + ".dat");
        ByteBuffer buf = ByteBuffer.allocateDirect(block);
        byte[] bytes = new byte[block];
        new Random(1).nextBytes(bytes);
        long[] lat = new long[count];
        int done = 0;
        long deadline = System.nanoTime() + (long) (maxSeconds * 1e9);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            if ("overwrite".equals(mode)) {
                ByteBuffer zero = ByteBuffer.allocateDirect(1 << 20);
                for (long pos = 0; pos < (long) block * count; pos += zero.capacity()) {
                    zero.clear();
                    ch.write(zero, pos);
                }
                ch.force(true);
                ch.position(0);
            }
            long t0 = System.nanoTime();
            for (; done < count && System.nanoTime() < deadline; done++) {
                buf.clear();
                buf.put(bytes).flip();
                long s = System.nanoTime();
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(false);
                lat[done] = System.nanoTime() - s;
            }
            Stats st = new Stats(lat, done, (System.nanoTime() - t0) / 1e9);
            System.err.printf(Locale.ROOT, "java fsync %s %dB: %s%n", mode, block, st.human());
            return String.format(Locale.ROOT, "{\"kind\":\"fsync\",\"tool\":\"java\",\"mode\":\"%s\",\"block\":%d,\"count\":%d,%s}",
                    mode, block, count, st.json());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Echo server thread and client in this JVM over 127.0.0.1 TCP (TCP_NODELAY, blocking sockets). */
    static String pingPong(Options o) throws Exception {
        int size = o.integer("size", 64);
        int iters = o.integer("iters", 20000);
        int warmup = o.integer("warmup", 2000);
        double maxSeconds = o.dbl("max-seconds", 60);
        long deadline = System.nanoTime() + (long) (maxSeconds * 1e9);
        try (ServerSocket ss = new ServerSocket()) {
            ss.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread server = new Thread(() -> {
                try (Socket s = ss.accept()) {
                    s.setTcpNoDelay(true);
                    DataInputStream in = new DataInputStream(s.getInputStream());
                    DataOutputStream out = new DataOutputStream(s.getOutputStream());
                    byte[] b = new byte[size];
                    while (true) {
                        in.readFully(b);
                        out.write(b);
                        out.flush();
                    }
                } catch (IOException e) {
                    // client closed
                }
            }, "echo");
            server.setDaemon(true);
            server.start();
            try (Socket c = new Socket()) {
                c.setTcpNoDelay(true);
                c.connect(ss.getLocalSocketAddress());
                DataInputStream in = new DataInputStream(c.getInputStream());
                DataOutputStream out = new DataOutputStream(c.getOutputStream());
                byte[] b = new byte[size];
                long[] lat = new long[iters];
                for (int i = 0; i < warmup; i++) {
                    out.write(b);
                    out.flush();
                    in.readFully(b);
                }
                int done = 0;
                long t0 = System.nanoTime();
                for (; done < iters && System.nanoTime() < deadline; done++) {
                    long s = System.nanoTime();
                    out.write(b);
                    out.flush();
                    in.readFully(b);
                    lat[done] = System.nanoTime() - s;
                }
                Stats st = new Stats(lat, done, (System.nanoTime() - t0) / 1e9);
                System.err.printf(Locale.ROOT, "java tcp ping-pong %dB: %s%n", size, st.human());
                return String.format(Locale.ROOT, "{\"kind\":\"tcp\",\"tool\":\"java\",\"size\":%d,\"iters\":%d,%s}",
                        size, iters, st.json());
            }
        }
    }
}
