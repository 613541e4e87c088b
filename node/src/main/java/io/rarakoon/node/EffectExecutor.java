package io.rarakoon.node;

import io.rarakoon.kv.KvStore;
import io.rarakoon.kv.Update;
import io.rarakoon.kv.UpdateResult;
import io.rarakoon.paxos.Effect;
import io.rarakoon.paxos.RequestId;
import io.rarakoon.paxos.message.Accept;
import io.rarakoon.paxos.message.LogEntry;
import io.rarakoon.paxos.message.Message;
import io.rarakoon.paxos.message.NodeId;
import io.rarakoon.wal.Wal;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes the effects of one turn of the node loop in phase order (STYLE.md §4, §6): the master's
 * Accepts first (they report nothing durable, see {@link #send}), then every persist (log appends,
 * the promised term), ONE force of the log for the whole batch, then every other send, then every
 * apply to the store, then every reply. So a Promise or Accepted never leaves before what it
 * reports is durable, and a client hears OK only after its update is applied. Loop thread only.
 */
final class EffectExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(EffectExecutor.class);

    /** Where the outcomes of applies, replies and catch-up requests go. Loop thread. */
    interface Outcomes {
        /** The update of {@code requestId} was applied with {@code result}. */
        void applied(RequestId requestId, UpdateResult result);

        /** The core answered a request without applying anything. */
        void replied(Effect.Reply reply);

        /** The core asks for a catch-up. */
        void catchupRequested(Effect.StartCatchup start);
    }

    private final NodeId self;
    private final NodeStorage storage;
    private final PeerSender peers;
    private final NodeStatistics statistics;
    private final Outcomes outcomes;

    EffectExecutor(
            NodeId self,
            NodeStorage storage,
            PeerSender peers,
            NodeStatistics statistics,
            Outcomes outcomes) {
        this.self = self;
        this.storage = storage;
        this.peers = peers;
        this.statistics = statistics;
        this.outcomes = outcomes;
    }

    /**
     * Executes a batch of effects from several transitions, each transition's list in phase order.
     *
     * @throws IOException when persisting fails: nothing of this batch was sent, applied or
     *     answered, and the node must stop (never retry an fsync)
     */
    void execute(List<Effect> effects) throws IOException {
        send(effects, true);
        persist(effects);
        send(effects, false);
        for (Effect effect : effects) {
            if (effect instanceof Effect.StartCatchup start) {
                outcomes.catchupRequested(start);
            }
        }
        for (Effect effect : effects) {
            if (effect instanceof Effect.Apply apply) {
                apply(apply);
            }
        }
        for (Effect effect : effects) {
            if (effect instanceof Effect.Reply reply) {
                outcomes.replied(reply);
            } else if (effect instanceof Effect.Note note && LOG.isDebugEnabled()) {
                LOG.debug("{} {} {}", self, note.kind(), note.detail());
            }
        }
    }

    /**
     * Sends the Accepts ({@code accepts}) or every other message. An Accept asks the peers to log a
     * value and reports nothing about our own log, so it leaves before our force: the followers'
     * fsyncs overlap ours. Our own vote, counted by the core at once, decides nothing before this
     * batch's force returned: a peer's Accepted is read in a later turn, and an Apply of this batch
     * runs after the force.
     */
    private void send(List<Effect> effects, boolean accepts) {
        for (Effect effect : effects) {
            if (effect instanceof Effect.Send send && isAccept(send.message()) == accepts) {
                peers.send(send.to(), send.message());
            } else if (effect instanceof Effect.Broadcast broadcast
                    && isAccept(broadcast.message()) == accepts) {
                broadcast.to().forEach(to -> peers.send(to, broadcast.message()));
            }
        }
    }

    private static boolean isAccept(Message message) {
        return message instanceof Accept;
    }

    private void persist(List<Effect> effects) throws IOException {
        Wal wal = storage.wal();
        long promisedTerm = -1;
        boolean appended = false;
        for (Effect effect : effects) {
            if (effect instanceof Effect.PersistPromise promise) {
                promisedTerm = Math.max(promisedTerm, promise.term());
            } else if (effect instanceof Effect.PersistAccepted accepted) {
                LogEntry entry = accepted.entry();
                wal.append(entry.index(), storage.codec().encodeEntry(entry));
                appended = true;
            }
        }
        if (appended) {
            long durable = statistics.timedForce(wal);
            if (durable != wal.lastIndex()) {
                throw new IllegalStateException(
                        "log durable to " + durable + " after force, last " + wal.lastIndex());
            }
        }
        if (promisedTerm > storage.promise().term()) {
            storage.promise().write(promisedTerm);
        }
    }

    private void apply(Effect.Apply apply) {
        List<Update> updates;
        try {
            updates = storage.codec().updatesOf(apply.value());
        } catch (MalformedPayloadException e) {
            throw new IllegalStateException(
                    "chosen value at index " + apply.index() + " cannot be decoded", e);
        }
        KvStore store = storage.store();
        List<UpdateResult> results = store.apply(apply.index(), updates);
        statistics.applied(false);
        List<RequestId> waiting = apply.requestIds();
        if (!waiting.isEmpty() && waiting.size() != results.size()) {
            throw new IllegalStateException(
                    waiting.size() + " requests wait for " + results.size() + " updates");
        }
        for (int i = 0; i < waiting.size(); i++) {
            outcomes.applied(waiting.get(i), results.get(i));
        }
    }
}
