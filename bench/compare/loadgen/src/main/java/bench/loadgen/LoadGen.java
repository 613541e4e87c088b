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

    /**
     * One phase: its ops, and as it ends, latencies of ops [0, issued) (-1 for a failed op), errors
     * and wall time. A warm-up has no op count: it runs until the main thread ends it, and records
     * the latencies of its first lat.length ops.
     */
    static final class Phase {
        final Op op;
        final int ops;
        final long deadlineNs;
        final long[] lat;
        final int maxErrors;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger errorCount = new AtomicInteger();
        final AtomicReference<Throwable> first = new AtomicReference<>();
        long startNs;
        int issued;
        int errors;
        double seconds;
        boolean aborted;
        Throwable firstError;

        private Phase(Op op, int ops, long deadlineNs, int recorded, int maxErrors) {
            this.op = op;
            this.ops = ops;
            this.deadlineNs = deadlineNs;
            this.lat = new long[recorded];
            this.maxErrors = maxErrors;
        }

        /** Past its deadline from the start: a worker that reads it returns. */
        static final Phase STOP = new Phase(null, 0, Long.MIN_VALUE, 0, 0);

        static Phase measured(Op op, int ops, long deadlineNs) {
            return new Phase(op, ops, deadlineNs, ops, Math.max(10, ops / 100));
        }

        static Phase warmUp(Op op, int recorded, long deadlineNs) {
            return new Phase(op, Integer.MAX_VALUE, deadlineNs, recorded, Integer.MAX_VALUE);
        }

        void end() {
            seconds = (System.nanoTime() - startNs) / 1e9;
            issued = Math.min(lat.length, next.get());
            errors = errorCount.get();
            firstError = first.get();
            aborted = errors > maxErrors || issued < ops;
        }
    }

    /**
     * Runs `measured` with `clients` threads, worker w using conns[w % conns.length]; each thread
     * takes the next op index until all are taken, the deadline passes or errors exceed the phase's
     * bound. A `warm` phase (or null) runs first on the same threads until `warmEndNs` or until it
     * has issued the ops it records; `atSwitch` runs just before the threads move on to `measured`.
     * The threads do not stop in between: new threads and a loop exited in each would start the
     * measurement with code the JIT compiler deoptimized and recompiles during its first seconds.
     */
    static void runPhases(KvClient[] conns, int clients, Phase warm, long warmEndNs, Phase measured,
            Runnable atSwitch) throws InterruptedException {
        AtomicReference<Phase> current = new AtomicReference<>(warm != null ? warm : measured);
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
                    Phase ph = current.get();
                    if (ph.errorCount.get() > ph.maxErrors || System.nanoTime() > ph.deadlineNs) {
                        return;
                    }
                    int i = ph.next.getAndIncrement();
                    if (i >= ph.ops) {
                        return;
                    }
                    long t0 = System.nanoTime();
                    long latency;
                    try {
                        ph.op.apply(c, i);
                        latency = System.nanoTime() - t0;
                    } catch (Throwable e) {
                        latency = -1;
                        ph.errorCount.incrementAndGet();
                        ph.first.compareAndSet(null, e);
                    }
                    if (i < ph.lat.length) {
                        ph.lat[i] = latency;
                    }
                }
            }, "worker-" + w);
            threads[w].start();
        }
        if (warm != null) {
            warm.startNs = System.nanoTime();
            start.countDown();
            while (System.nanoTime() < warmEndNs && warm.next.get() < warm.lat.length && anyAlive(threads)) {
                Thread.sleep(5);
            }
            warm.end();
        }
        try {
            atSwitch.run();
        } catch (RuntimeException e) {
            current.set(Phase.STOP);
            start.countDown();
            joinAll(threads);
            throw e;
        }
        measured.startNs = System.nanoTime();
        current.set(measured);
        start.countDown();
        joinAll(threads);
        measured.end();
    }

    static void joinAll(Thread[] threads) throws InterruptedException {
        for (Thread t : threads) {
            t.join();
        }
    }

    static boolean anyAlive(Thread[] threads) {
        for (Thread t : threads) {
            if (t.isAlive()) {
                return true;
            }
        }
        return false;
    }

    /*
     * Warm-up and measurement run ops of one class (from one lambda): with a lambda of its own, the
     * measured phase started with a second operation type at the workers' call site, and the C2
     * compiler recompiled the loop for it during the first second of the measurement.
     */
    static Op puts(String prefix, char kind, byte[] value) {
        return (c, i) -> c.put(key(prefix, kind, i), value);
    }

    static Op batches(String prefix, char kind, int batch, byte[] value) {
        return (c, i) -> c.putAll(batchKeys(prefix, kind, i, batch), value);
    }

    /** prefix/kind then i zero-padded to 8 digits; without a Formatter, which costs microseconds per op. */
    static String key(String prefix, char kind, int i) {
        String digits = Integer.toString(i);
        StringBuilder key = new StringBuilder(prefix.length() + 2 + Math.max(8, digits.length()));
        key.append(prefix).append('/').append(kind);
        for (int pad = digits.length(); pad < 8; pad++) {
            key.append('0');
        }
        return key.append(digits).toString();
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
                Phase w = warmUp(puts(prefix, 'w', value), warmup, warmupSeconds, deadline);
                ph = Phase.measured(puts(prefix, 'p', value), ops, deadline);
                runPhases(conns, clients, w, warmEnd(warmupSeconds, deadline), ph, cpu::start);
                cpuJson = cpu.stop(ph.issued);
                warmupNote = warmupSummary(w);
            } else if ("batch".equals(workload)) {
                int batch = o.integer("batch", 10);
                Phase w = warmUp(batches(prefix, 'x', batch, value), warmup, warmupSeconds, deadline);
                ph = Phase.measured(batches(prefix, 'b', batch, value), ops, deadline);
                runPhases(conns, clients, w, warmEnd(warmupSeconds, deadline), ph, cpu::start);
                cpuJson = cpu.stop(ph.issued);
                warmupNote = warmupSummary(w);
            } else if ("get".equals(workload)) {
                Phase load = Phase.measured(puts(prefix, 'k', value), keys, deadline);
                runPhases(conns, clients, null, 0, load, () -> { });
                check("preload", load);
                Op get = (c, i) -> {
                    byte[] v = c.get(key(prefix, 'k', ThreadLocalRandom.current().nextInt(keys)));
                    if (v == null || v.length != valueSize) {
                        throw new IllegalStateException("bad read: " + (v == null ? "missing" : v.length + " bytes"));
                    }
                };
                Phase w = warmUp(get, warmup, warmupSeconds, deadline);
                ph = Phase.measured(get, ops, deadline);
                runPhases(conns, clients, w, warmEnd(warmupSeconds, deadline), ph, cpu::start);
                cpuJson = cpu.stop(ph.issued);
                warmupNote = warmupSummary(w);
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

    /**
     * The unrecorded warm-up (its latencies summarized in the JSON line), or null if none is asked
     * for. The summary is computed after the measurement: sorting and formatting it in between left
     * the C2 compiler recompiling the sort, and the formatter code it deoptimized, during the
     * measurement's first second.
     */
    static Phase warmUp(Op op, int ops, double seconds, long runDeadline) {
        return ops > 0 && seconds > 0 ? Phase.warmUp(op, ops, runDeadline) : null;
    }

    static long warmEnd(double seconds, long runDeadline) {
        return Math.min(runDeadline, System.nanoTime() + (long) (seconds * 1e9));
    }

    static String warmupSummary(Phase w) {
        if (w == null) {
            return "";
        }
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
