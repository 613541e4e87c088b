package io.rarakoon.paxos;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rarakoon.paxos.message.Accepted;
import io.rarakoon.paxos.message.ClientValue;
import io.rarakoon.paxos.message.LogEntry;
import io.rarakoon.paxos.message.NodeId;
import io.rarakoon.paxos.message.Promise;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Examples of the phase-order check that Transition's constructor always runs. */
class TransitionTest {

    private static final PaxosState STATE = PaxosState.initial(new NodeId("a"));
    private static final NodeId PEER = new NodeId("b");

    @Test
    void acceptsPersistThenSendThenApplyThenReplyWithNotesAnywhere() {
        LogEntry entry = new LogEntry(3, 0, ClientValue.NOP);
        List<Effect> effects =
                List.of(
                        new Effect.Note("x", ""),
                        new Effect.PersistAccepted(entry),
                        new Effect.Send(PEER, new Accepted(3, 0)),
                        new Effect.Note("y", ""),
                        new Effect.Apply(0, ClientValue.NOP, List.of()),
                        new Effect.Reply(new RequestId(1), Outcome.BUSY, Optional.empty(), "full"));
        assertDoesNotThrow(() -> new Transition(STATE, effects));
    }

    @Test
    void rejectsAcceptedSentBeforeItsPersist() {
        LogEntry entry = new LogEntry(3, 0, ClientValue.NOP);
        List<Effect> effects =
                List.of(
                        new Effect.Send(PEER, new Accepted(3, 0)),
                        new Effect.PersistAccepted(entry));
        assertThrows(IllegalStateException.class, () -> new Transition(STATE, effects));
    }

    @Test
    void rejectsPromiseSentBeforeThePromiseIsPersisted() {
        List<Effect> effects =
                List.of(
                        new Effect.Send(PEER, new Promise(3, 0, Optional.empty())),
                        new Effect.PersistPromise(3));
        assertThrows(IllegalStateException.class, () -> new Transition(STATE, effects));
    }

    @Test
    void rejectsReplyBeforeApply() {
        List<Effect> effects =
                List.of(
                        new Effect.Reply(new RequestId(1), Outcome.BUSY, Optional.empty(), ""),
                        new Effect.Apply(0, ClientValue.NOP, List.of()));
        assertThrows(IllegalStateException.class, () -> new Transition(STATE, effects));
    }
}
