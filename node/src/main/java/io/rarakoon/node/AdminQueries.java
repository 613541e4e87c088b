package io.rarakoon.node;

import io.rarakoon.client.protocol.ByteString;
import io.rarakoon.client.protocol.ConnectionFate;
import io.rarakoon.client.protocol.NamedValue;
import io.rarakoon.client.protocol.Request;
import io.rarakoon.client.protocol.Response;
import io.rarakoon.client.protocol.ResponseEncoder;
import io.rarakoon.client.protocol.ResultCode;
import io.rarakoon.client.protocol.ServerReply;
import io.rarakoon.paxos.PaxosState;
import io.rarakoon.paxos.message.NodeId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Answers the admin and status commands that need no Paxos round and no long work: ping,
 * who_master, statistics, version, current_state, get_txid, expect_progress_possible, and the store
 * maintenance commands that an in-memory store does not need (optimize_db, defrag_db, flush_store).
 * Commands of features this node does not have yet are refused with NOT_SUPPORTED. Loop thread
 * only.
 */
final class AdminQueries {
    private final NodeView view;
    private final PeerPositions positions;
    private final NodeStatistics statistics;
    private final Clock clock;

    AdminQueries(NodeView view, PeerPositions positions, NodeStatistics statistics, Clock clock) {
        this.view = view;
        this.positions = positions;
        this.statistics = statistics;
        this.clock = clock;
    }

    /** The answer, or empty when {@code request} is not one of these commands. */
    Optional<ServerReply> answer(Request request, PaxosState state, long nowMillis) {
        Response response;
        if (request instanceof Request.Ping ping) {
            if (!ping.clusterId().toUtf8().equals(view.cluster().clusterId())) {
                return Optional.of(
                        Responses.failure(ResultCode.UNKNOWN_FAILURE, "unknown failure"));
            }
            response = new Response.Text(ByteString.utf8(versionText()));
        } else if (request instanceof Request.WhoMaster) {
            response = new Response.MaybeText(masterName(state, nowMillis));
        } else if (request instanceof Request.CurrentState) {
            response = new Response.Text(ByteString.utf8(state.stateName()));
        } else if (request instanceof Request.GetTxid) {
            response = new Response.Txid(view.store().appliedIndex().orElse(0));
        } else if (request instanceof Request.ExpectProgressPossible) {
            long applied = view.store().appliedIndex().orElse(-1);
            response =
                    new Response.Flag(
                            positions.progressPossible(
                                    view.cluster(), view.self(), applied, nowMillis));
        } else if (request instanceof Request.Version) {
            response =
                    new Response.Version(
                            ReadHandler.VERSION_MAJOR,
                            ReadHandler.VERSION_MINOR,
                            ReadHandler.VERSION_PATCH,
                            ByteString.utf8("rarakoon"));
        } else if (request instanceof Request.Statistics) {
            response = new Response.Statistics(statistics(state));
        } else if (request instanceof Request.OptimizeDb || request instanceof Request.DefragDb) {
            Optional<ServerReply> refusal = refuseOnMasterOrWitness(view, state);
            if (refusal.isPresent()) {
                return refusal;
            }
            response = new Response.Done();
        } else if (request instanceof Request.FlushStore) {
            response = new Response.Done();
        } else if (request instanceof Request.GetDb) {
            return Optional.of(
                    refuseOnMasterOrWitness(view, state).orElseGet(() -> database(request)));
        } else {
            return unsupported(request);
        }
        return Optional.of(Responses.success(request, response));
    }

    /**
     * Arakoon runs the store maintenance commands and GET_DB only on a slave's quiesced store,
     * never on the master nor on a witness (whose store Arakoon never applies to).
     */
    static Optional<ServerReply> refuseOnMasterOrWitness(NodeView view, PaxosState state) {
        if (view.cluster().witnesses().contains(view.self())) {
            return Optional.of(
                    Responses.failure(
                            ResultCode.NOT_SUPPORTED, "Operation not supported on witness nodes"));
        }
        if (state.role() == PaxosState.Role.MASTER) {
            return Optional.of(
                    Responses.failure(
                            ResultCode.NOT_SUPPORTED,
                            "Operation cannot be performed on master node"));
        }
        return Optional.empty();
    }

    /** GET_DB: the header and the store's snapshot (our database format) in one frame. */
    private ServerReply database(Request request) {
        byte[] body;
        try {
            body = StoreSnapshots.of(view.store());
        } catch (IOException e) {
            return Responses.failure(ResultCode.NOT_SUPPORTED, e.getMessage());
        }
        byte[] header = ResponseEncoder.encode(request, new Response.DbHeader(body.length));
        byte[] frame = Arrays.copyOf(header, header.length + body.length);
        System.arraycopy(body, 0, frame, header.length, body.length);
        return new ServerReply(Optional.of(ByteString.of(frame)), ConnectionFate.KEEP_OPEN);
    }

    private static Optional<ServerReply> unsupported(Request request) {
        boolean notYet =
                request instanceof Request.LastEntries
                        || request instanceof Request.LastEntries2
                        || request instanceof Request.LastEntries3
                        || request instanceof Request.GetFringe
                        || request instanceof Request.GetInterval
                        || request instanceof Request.GetRouting
                        || request instanceof Request.GetNurseryConfig;
        if (!notYet) {
            return Optional.empty();
        }
        String message = request.command() + " is not supported by this node";
        return Optional.of(Responses.failure(ResultCode.NOT_SUPPORTED, message));
    }

    private Optional<ByteString> masterName(PaxosState state, long nowMillis) {
        if (view.cluster().masterMode() == io.rarakoon.paxos.MasterMode.READ_ONLY) {
            return Optional.of(ByteString.utf8(view.self().name()));
        }
        return state.master(nowMillis).map(NodeId::name).map(ByteString::utf8);
    }

    private static String versionText() {
        return "Arakoon "
                + ReadHandler.VERSION_MAJOR
                + "."
                + ReadHandler.VERSION_MINOR
                + "."
                + ReadHandler.VERSION_PATCH;
    }

    private NamedValue statistics(PaxosState state) {
        List<NamedValue> nodeIs = new ArrayList<>();
        for (NodeId peer : view.cluster().peers(view.self())) {
            nodeIs.add(new NamedValue.Int64(name(peer.name()), positions.indexOf(peer)));
        }
        List<NamedValue> members =
                new ArrayList<>(
                        List.of(
                                new NamedValue.Float(
                                        name("start"), statistics.startWallMillis() / 1000.0),
                                new NamedValue.Float(name("last"), clock.wallMillis() / 1000.0),
                                new NamedValue.Text(
                                        name("state"), ByteString.utf8(state.stateName())),
                                new NamedValue.Int64(
                                        name("applied_index"),
                                        view.store().appliedIndex().orElse(-1)),
                                new NamedValue.Int64(name("term"), statistics.term()),
                                new NamedValue.Int64(name("log_index"), statistics.logIndex()),
                                new NamedValue.Int64(name("steps"), statistics.stepCount()),
                                new NamedValue.Int64(name("fsyncs"), statistics.forceCount()),
                                new NamedValue.Int64(
                                        name("applied_values"), statistics.appliedValueCount()),
                                new NamedValue.Int64(
                                        name("client_busy"), statistics.clientBusyCount()),
                                new NamedValue.Int64(
                                        name("peer_drops"), statistics.peerDropCount()),
                                new NamedValue.Int64(
                                        name("client_connections"),
                                        statistics.clientConnectionCount()),
                                new NamedValue.Int64(
                                        name("catchup_runs"), statistics.catchupRunCount()),
                                new NamedValue.Int64(
                                        name("catchup_failures"), statistics.catchupFailureCount()),
                                new NamedValue.Int64(
                                        name("catchup_entries"), statistics.catchupEntryCount()),
                                new NamedValue.Group(name("node_is"), nodeIs)));
        for (OperationTimes.Summary summary : statistics.operationTimes()) {
            members.add(operationInfo(summary));
        }
        return new NamedValue.Group(name("arakoon_stats"), members);
    }

    /** One of Arakoon's *_info groups: n, min, max, avg, var (seconds). */
    private static NamedValue operationInfo(OperationTimes.Summary summary) {
        return new NamedValue.Group(
                name(summary.name()),
                List.of(
                        new NamedValue.Int64(name("n"), summary.count()),
                        new NamedValue.Float(name("min"), summary.min()),
                        new NamedValue.Float(name("max"), summary.max()),
                        new NamedValue.Float(name("avg"), summary.mean()),
                        new NamedValue.Float(name("var"), summary.variance())));
    }

    private static ByteString name(String name) {
        return ByteString.utf8(name);
    }
}
