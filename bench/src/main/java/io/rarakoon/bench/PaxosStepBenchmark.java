package io.rarakoon.bench;

import io.rarakoon.paxos.Cluster;
import io.rarakoon.paxos.Context;
import io.rarakoon.paxos.DurableState;
import io.rarakoon.paxos.Event;
import io.rarakoon.paxos.Paxos;
import io.rarakoon.paxos.PaxosState;
import io.rarakoon.paxos.RequestId;
import io.rarakoon.paxos.Transition;
import io.rarakoon.paxos.message.Accept;
import io.rarakoon.paxos.message.Accepted;
import io.rarakoon.paxos.message.ByteString;
import io.rarakoon.paxos.message.ClientValue;
import io.rarakoon.paxos.message.Message;
import io.rarakoon.paxos.message.NodeId;
import io.rarakoon.paxos.message.Promise;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cost of the pure consensus core per committed value in a 3-voter cluster: on the master, a client
 * update proposed and chosen by one Accepted (two steps); on a follower, one Accept that logs the
 * new value and applies the previous one (one step). Effects are produced, not executed.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PaxosStepBenchmark {

    private static final NodeId A = new NodeId("a");
    private static final NodeId B = new NodeId("b");
    private static final Cluster CLUSTER =
            Cluster.elected("bench", List.of(A, B, new NodeId("c")), 10_000);
    private static final ByteString UPDATE = ByteString.utf8("set key-0001 value-0001");
    private static final long NOW_MILLIS = 20_000;

    private PaxosState master;
    private PaxosState follower;
    private long followerIndex;
    private long requestCount;

    @Setup
    public void electMaster() {
        master = step(A, PaxosState.initial(A), new Event.Recovered(DurableState.EMPTY), 0);
        master = step(A, master, new Event.Tick(), NOW_MILLIS);
        long term = master.promisedTerm();
        master = received(A, master, B, new Promise(term, 0, Optional.empty()));
        master = received(A, master, B, new Accepted(term, 0));
        master = received(A, master, B, new Accepted(term, 1));
        follower = step(B, PaxosState.initial(B), new Event.Recovered(DurableState.EMPTY), 0);
        followerIndex = 0;
    }

    @Benchmark
    public PaxosState masterCommitsOneUpdate() {
        long index = master.nextIndex();
        PaxosState proposing =
                step(
                        A,
                        master,
                        new Event.ClientUpdate(new RequestId(++requestCount), UPDATE, false),
                        NOW_MILLIS);
        master = received(A, proposing, B, new Accepted(proposing.promisedTerm(), index));
        return master;
    }

    @Benchmark
    public PaxosState followerAcceptsOneValue() {
        ClientValue value = new ClientValue(List.of(UPDATE), false);
        follower = received(B, follower, A, new Accept(3, followerIndex++, value));
        return follower;
    }

    private static PaxosState received(NodeId self, PaxosState state, NodeId from, Message m) {
        return step(self, state, new Event.Received(from, "bench", m), NOW_MILLIS);
    }

    private static PaxosState step(NodeId self, PaxosState state, Event event, long nowMillis) {
        Transition transition = Paxos.step(new Context(self, CLUSTER, nowMillis, 0), state, event);
        return transition.state();
    }
}
