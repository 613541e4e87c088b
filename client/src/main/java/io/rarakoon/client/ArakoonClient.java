package io.rarakoon.client;

import io.rarakoon.client.protocol.ByteString;
import io.rarakoon.client.protocol.Consistency;
import io.rarakoon.client.protocol.Entry;
import io.rarakoon.client.protocol.NamedValue;
import io.rarakoon.client.protocol.RangeQuery;
import io.rarakoon.client.protocol.Request;
import io.rarakoon.client.protocol.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A client of one Arakoon (or rarakoon) cluster over plain TCP.
 *
 * <p><b>Routing.</b> Writes and Consistent reads go to the master, found with WHO_MASTER (a name is
 * accepted only when the named node confirms it). Reads with another consistency go to the
 * configured dirty-read node, or to the master. Admin calls go to the node they name.
 *
 * <p><b>Retries.</b> Every call has an overall deadline ({@link ClientConfig#deadlineMillis()}) and
 * each request a timeout ({@link ClientConfig#requestTimeoutMillis()}). NOT_MASTER,
 * MAX_CONNECTIONS, a failed connect and any failure before a request was fully sent are retried
 * with a bounded backoff (the first retry at once). A read whose answer is lost is retried too; a
 * write whose answer is lost throws {@link OutcomeUnknownException} and is never retried. When the
 * deadline passes the last retryable {@link ServerException} is thrown, or else {@link
 * UnavailableException}.
 *
 * <p><b>Threads.</b> Thread-safe; calls are serialized, one request at a time, as in Arakoon's own
 * clients. No call returns before the server answered: a returned write has been applied by the
 * cluster's consensus (and, for {@link #syncedSequence}, fsynced).
 *
 * <p>Every method may throw {@link UnavailableException}; write methods may throw {@link
 * OutcomeUnknownException}; reads with At_least consistency may throw {@link
 * InconsistentReadException}.
 */
public final class ArakoonClient implements AutoCloseable {
    private final ClusterSession session;
    private final Consistency consistency;

    private ArakoonClient(ClusterSession session, Consistency consistency) {
        this.session = session;
        this.consistency = consistency;
    }

    /** Creates a client; no connection is made before the first call. */
    public static ArakoonClient create(ClientConfig config) {
        return new ArakoonClient(new ClusterSession(config), config.consistency());
    }

    /**
     * Returns a view of this client whose reads use {@code readConsistency}; it shares this
     * client's connections, and closing either closes both.
     */
    public ArakoonClient withConsistency(Consistency readConsistency) {
        return new ArakoonClient(session, readConsistency);
    }

    /** Returns the consistency of this view's reads. */
    public Consistency consistency() {
        return consistency;
    }

    // ---- reads ----

    /**
     * Returns the value of {@code key}.
     *
     * @throws NotFoundException if the key is absent
     */
    public ByteString get(ByteString key) {
        return text(read(new Request.Get(consistency, key)));
    }

    /** Returns whether {@code key} exists. */
    public boolean exists(ByteString key) {
        return ((Response.Flag) read(new Request.Exists(consistency, key))).value();
    }

    /**
     * Returns the values of {@code keys}, in the same order.
     *
     * @throws NotFoundException if any key is absent (naming one of them)
     */
    public List<ByteString> multiGet(List<ByteString> keys) {
        return ((Response.Texts) read(new Request.MultiGet(consistency, keys))).values();
    }

    /** Returns the value of each of {@code keys} (empty when absent), in the same order. */
    public List<Optional<ByteString>> multiGetOption(List<ByteString> keys) {
        return ((Response.MaybeTexts) read(new Request.MultiGetOption(consistency, keys))).values();
    }

    /**
     * Returns the keys between {@code first} and {@code last} in ascending order.
     *
     * @param first the lower bound (empty = from the start)
     * @param firstInclusive whether {@code first} itself is included
     * @param last the upper bound (empty = to the end)
     * @param lastInclusive whether {@code last} itself is included
     * @param max at most this many keys; negative = unlimited
     */
    public List<ByteString> range(
            Optional<ByteString> first,
            boolean firstInclusive,
            Optional<ByteString> last,
            boolean lastInclusive,
            int max) {
        RangeQuery query = new RangeQuery(first, firstInclusive, last, lastInclusive, max);
        return ((Response.Texts) read(new Request.Range(consistency, query))).values();
    }

    /** As {@link #range}, with values, in ascending key order. */
    public List<Entry> rangeEntries(
            Optional<ByteString> first,
            boolean firstInclusive,
            Optional<ByteString> last,
            boolean lastInclusive,
            int max) {
        RangeQuery query = new RangeQuery(first, firstInclusive, last, lastInclusive, max);
        return ((Response.Entries) read(new Request.RangeEntries(consistency, query))).entries();
    }

    /**
     * Returns entries in descending key order, from {@code high} down to {@code low}.
     *
     * @param high the upper bound (empty = from the greatest key)
     * @param highInclusive whether {@code high} itself is included
     * @param low the lower bound (empty = to the smallest key)
     * @param lowInclusive whether {@code low} itself is included
     * @param max at most this many entries; negative = unlimited
     */
    public List<Entry> revRangeEntries(
            Optional<ByteString> high,
            boolean highInclusive,
            Optional<ByteString> low,
            boolean lowInclusive,
            int max) {
        RangeQuery query = new RangeQuery(high, highInclusive, low, lowInclusive, max);
        return ((Response.Entries) read(new Request.RevRangeEntries(consistency, query))).entries();
    }

    /** Returns up to {@code max} (negative = all) keys starting with {@code prefix}, ascending. */
    public List<ByteString> prefixKeys(ByteString prefix, int max) {
        return ((Response.Texts) read(new Request.PrefixKeys(consistency, prefix, max))).values();
    }

    /**
     * Succeeds iff {@code key} holds {@code expected} (empty = absent); reads only.
     *
     * @throws AssertionFailedException otherwise
     */
    public void assertValue(ByteString key, Optional<ByteString> expected) {
        read(new Request.Assert(consistency, key, expected));
    }

    /**
     * Succeeds iff {@code key} exists; reads only.
     *
     * @throws AssertionFailedException otherwise
     */
    public void assertExists(ByteString key) {
        read(new Request.AssertExists(consistency, key));
    }

    /** Returns the number of keys (always a Consistent read on the master). */
    public long keyCount() {
        return ((Response.Count) master(new Request.GetKeyCount())).value();
    }

    // ---- writes ----

    /** Sets {@code key} to {@code value}. */
    public void set(ByteString key, ByteString value) {
        write(new Request.Set(key, value));
    }

    /** Sets {@code key} to {@code value} unless it already holds exactly that value. */
    public void confirm(ByteString key, ByteString value) {
        write(new Request.Confirm(key, value));
    }

    /**
     * Deletes {@code key}.
     *
     * @throws NotFoundException if the key is absent
     */
    public void delete(ByteString key) {
        write(new Request.Delete(key));
    }

    /**
     * Sets {@code key} to {@code wanted} (empty = delete) if it holds {@code expected} (empty =
     * absent), atomically. Returns the value before the call; the write happened iff that equals
     * {@code expected}.
     */
    public Optional<ByteString> testAndSet(
            ByteString key, Optional<ByteString> expected, Optional<ByteString> wanted) {
        return maybeText(write(new Request.TestAndSet(key, expected, wanted)));
    }

    /** Sets {@code key} to {@code wanted} (empty = delete); returns the previous value. */
    public Optional<ByteString> replace(ByteString key, Optional<ByteString> wanted) {
        return maybeText(write(new Request.Replace(key, wanted)));
    }

    /** Deletes every key starting with {@code prefix}; returns how many were deleted. */
    public int deletePrefix(ByteString prefix) {
        return (int) ((Response.Count) write(new Request.DeletePrefix(prefix))).value();
    }

    /**
     * Applies the steps of {@code sequence} atomically.
     *
     * @throws NotFoundException if a Delete step met an absent key (nothing applied)
     * @throws AssertionFailedException if an assertion step failed (nothing applied)
     */
    public void sequence(Sequence sequence) {
        write(new Request.Sequence(sequence.steps()));
    }

    /** As {@link #sequence}, and the server fsyncs its log before answering. */
    public void syncedSequence(Sequence sequence) {
        write(new Request.SyncedSequence(sequence.steps()));
    }

    /**
     * Runs the server-side user function {@code name} through consensus; returns its result.
     *
     * @throws BadInputException if no function of that name is registered
     * @throws UserFunctionFailureException if the function failed
     */
    public Optional<ByteString> userFunction(ByteString name, Optional<ByteString> argument) {
        return maybeText(write(new Request.UserFunction(name, argument)));
    }

    /** Runs an empty update through consensus. */
    public void nop() {
        write(new Request.Nop());
    }

    // ---- cluster information ----

    /** Returns the master's name, found as in every call, or empty if no node names one. */
    public Optional<String> whoMaster() {
        return session.discoverMaster();
    }

    /** Returns whether the master expects a write could succeed now; false without a master. */
    public boolean expectProgressPossible() {
        try {
            return ((Response.Flag) master(new Request.ExpectProgressPossible())).value();
        } catch (UnavailableException | NotMasterException e) {
            return false;
        }
    }

    /**
     * Returns the master's store stamp; pass it to {@link Consistency#atLeast(long)} to read one's
     * own writes on any node.
     */
    public long getTxid() {
        return ((Response.Txid) master(new Request.GetTxid())).stamp();
    }

    /** Returns the master's statistics ({@code arakoon_stats} with its 30 members in Arakoon). */
    public NamedValue statistics() {
        return ((Response.Statistics) master(new Request.Statistics())).statistics();
    }

    /** Returns the master's version. */
    public Response.Version version() {
        return (Response.Version) master(new Request.Version());
    }

    /** Returns the version of the node {@code nodeName}. */
    public Response.Version version(String nodeName) {
        return (Response.Version)
                onNode(nodeName, new Request.Version(), ClusterSession.Safety.READ);
    }

    /** Returns the name of the master's Paxos state, e.g. {@code Stable_master}. */
    public String currentState() {
        return text(master(new Request.CurrentState())).toUtf8();
    }

    /** Returns the name of the Paxos state of the node {@code nodeName}. */
    public String currentState(String nodeName) {
        return text(onNode(nodeName, new Request.CurrentState(), ClusterSession.Safety.READ))
                .toUtf8();
    }

    // ---- admin (each names its node) ----

    /**
     * Collapses all but {@code tlogsToKeep} tlog files of {@code nodeName} into its head database,
     * reporting each progress frame to {@code progress}.
     */
    public void collapse(String nodeName, int tlogsToKeep, ProgressListener progress) {
        Request.CollapseTlogs request = new Request.CollapseTlogs(tlogsToKeep);
        session.execute(
                Optional.of(nodeName),
                ClusterSession.Safety.WRITE,
                (c, deadline) -> AdminExchanges.collapse(c, request, progress, deadline));
    }

    /** Asks {@code nodeName} to stop being master (no effect if it is not the master). */
    public void dropMaster(String nodeName) {
        onNode(nodeName, new Request.DropMaster(), ClusterSession.Safety.WRITE);
    }

    /**
     * Optimizes the store of {@code nodeName}.
     *
     * @throws ServerException NOT_SUPPORTED if that node is the master or a witness
     */
    public void optimizeDb(String nodeName) {
        onNode(nodeName, new Request.OptimizeDb(), ClusterSession.Safety.WRITE);
    }

    /** Defragments the store of {@code nodeName} (refused on the master). */
    public void defragDb(String nodeName) {
        onNode(nodeName, new Request.DefragDb(), ClusterSession.Safety.WRITE);
    }

    /** Commits any batched store transaction of {@code nodeName}. */
    public void flushStore(String nodeName) {
        onNode(nodeName, new Request.FlushStore(), ClusterSession.Safety.WRITE);
    }

    /** Copies the store of {@code nodeName} to its head and keeps {@code tlogsToKeep} tlogs. */
    public void copyDbToHead(String nodeName, int tlogsToKeep) {
        onNode(nodeName, new Request.CopyDbToHead(tlogsToKeep), ClusterSession.Safety.WRITE);
    }

    /**
     * Streams the database file of {@code nodeName} (not the master) into {@code target}, replacing
     * it, reporting bytes written to {@code progress}. A lost connection restarts the download
     * while the deadline allows; the request timeout bounds each wait for bytes.
     *
     * @return the number of bytes written
     * @throws IOException if {@code target} cannot be written
     */
    public long getDb(String nodeName, Path target, ProgressListener progress) throws IOException {
        try {
            Response done =
                    session.execute(
                            Optional.of(nodeName),
                            ClusterSession.Safety.READ,
                            (c, deadline) ->
                                    AdminExchanges.getDb(
                                            c,
                                            target,
                                            progress,
                                            deadline,
                                            session.config().requestTimeoutMillis()));
            return ((Response.Count) done).value();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Closes every connection of this client and its views; idempotent. */
    @Override
    public void close() {
        session.close();
    }

    // ---- plumbing ----

    private Response read(Request request) {
        Optional<String> node =
                consistency instanceof Consistency.Consistent
                        ? Optional.empty()
                        : session.config().dirtyReadNode();
        return session.call(request, node, ClusterSession.Safety.READ);
    }

    private Response master(Request request) {
        return session.call(request, Optional.empty(), ClusterSession.Safety.READ);
    }

    private Response write(Request request) {
        return session.call(request, Optional.empty(), ClusterSession.Safety.WRITE);
    }

    private Response onNode(String nodeName, Request request, ClusterSession.Safety safety) {
        if (session.config().node(nodeName).isEmpty()) {
            throw new IllegalArgumentException("node " + nodeName + " is not configured");
        }
        return session.call(request, Optional.of(nodeName), safety);
    }

    private static ByteString text(Response response) {
        return ((Response.Text) response).value();
    }

    private static Optional<ByteString> maybeText(Response response) {
        return ((Response.MaybeText) response).value();
    }
}
