package io.rarakoon.paxos.message;

import java.util.List;

/**
 * A batch of opaque client updates, applied in list order (Arakoon's {@code Vc}). The empty batch
 * is the master's Nop: it carries no update and exists so that followers learn that the value
 * before it is chosen (spec §1.10).
 *
 * @param updates the updates in the order the master queued them
 * @param synced true when at least one update asked for a synced sequence
 */
public record ClientValue(List<ByteString> updates, boolean synced) implements Value {

    /** The Nop value a new or renewed master proposes after its lease value. */
    public static final ClientValue NOP = new ClientValue(List.of(), false);

    /** Copies the list, so that the value stays immutable. */
    public ClientValue {
        updates = List.copyOf(updates);
    }

    /** Total bytes of all updates. */
    public long updateBytes() {
        long total = 0;
        for (ByteString update : updates) {
            total += update.length();
        }
        return total;
    }
}
