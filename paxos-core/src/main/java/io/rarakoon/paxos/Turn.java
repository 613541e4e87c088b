package io.rarakoon.paxos;

import io.rarakoon.paxos.message.Message;
import io.rarakoon.paxos.message.NodeId;
import java.util.ArrayList;
import java.util.List;

/**
 * One step in progress: the context plus the effects collected so far, kept per phase so that
 * handlers may add them in the order that reads best and the result is still in phase order.
 */
final class Turn {

    private final Context context;
    private final List<Effect> notes = new ArrayList<>();
    private final List<Effect> persists = new ArrayList<>();
    private final List<Effect> sends = new ArrayList<>();
    private final List<Effect> applies = new ArrayList<>();
    private final List<Effect> replies = new ArrayList<>();

    Turn(Context context) {
        this.context = context;
    }

    NodeId self() {
        return context.self();
    }

    Cluster cluster() {
        return context.cluster();
    }

    long now() {
        return context.nowMillis();
    }

    long leaseMillis() {
        return context.cluster().leasePeriodMillis();
    }

    /** A jitter in [0, spreadMillis) derived from the step's entropy. */
    long jitter(long spreadMillis) {
        return Math.floorMod(context.entropy(), Math.max(1, spreadMillis));
    }

    void add(Effect effect) {
        switch (effect.phase()) {
            case NOTE -> notes.add(effect);
            case PERSIST -> persists.add(effect);
            case SEND -> sends.add(effect);
            case APPLY -> applies.add(effect);
            case REPLY -> replies.add(effect);
        }
    }

    void send(NodeId to, Message message) {
        add(new Effect.Send(to, message));
    }

    void broadcast(List<NodeId> to, Message message) {
        if (!to.isEmpty()) {
            add(new Effect.Broadcast(to, message));
        }
    }

    void note(String kind, String detail) {
        add(new Effect.Note(kind, detail));
    }

    List<Effect> effects() {
        List<Effect> all = new ArrayList<>(notes);
        all.addAll(persists);
        all.addAll(sends);
        all.addAll(applies);
        all.addAll(replies);
        return all;
    }
}
