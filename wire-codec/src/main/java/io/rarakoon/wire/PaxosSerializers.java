package io.rarakoon.wire;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.rarakoon.paxos.message.Accept;
import io.rarakoon.paxos.message.Accepted;
import io.rarakoon.paxos.message.Nak;
import io.rarakoon.paxos.message.Prepare;
import io.rarakoon.paxos.message.Promise;
import java.util.Optional;

/**
 * Serializers of the five Paxos messages (spec §1.4), fields in Arakoon's order. Terms may be
 * negative (fake prepares and the liveness Nak use -1 and -2); values and log entries follow {@link
 * Values}.
 */
final class PaxosSerializers {
    private PaxosSerializers() {}

    /** Body: int64 term, int64 index. */
    static final class PrepareSerializer extends Serializer<Prepare> {
        @Override
        public void write(Kryo kryo, Output output, Prepare prepare) {
            output.writeLong(prepare.term());
            output.writeLong(prepare.index());
        }

        @Override
        public Prepare read(Kryo kryo, Input input, Class<? extends Prepare> type) {
            return new Prepare(Fields.readLong(input, "term"), Fields.readLong(input, "index"));
        }
    }

    /** Body: int64 term, int64 next index, boolean present, then the log entry if present. */
    static final class PromiseSerializer extends Serializer<Promise> {
        @Override
        public void write(Kryo kryo, Output output, Promise promise) {
            output.writeLong(promise.term());
            output.writeLong(promise.nextIndex());
            output.writeBoolean(promise.accepted().isPresent());
            promise.accepted().ifPresent(entry -> Values.writeLogEntry(output, entry));
        }

        @Override
        public Promise read(Kryo kryo, Input input, Class<? extends Promise> type) {
            long term = Fields.readLong(input, "term");
            long nextIndex = Fields.readLong(input, "nextIndex");
            boolean present = Fields.readBoolean(input, "accepted present");
            return new Promise(
                    term,
                    nextIndex,
                    present ? Optional.of(Values.readLogEntry(input)) : Optional.empty());
        }
    }

    /** Body: int64 term, int64 current term, int64 next index. */
    static final class NakSerializer extends Serializer<Nak> {
        @Override
        public void write(Kryo kryo, Output output, Nak nak) {
            output.writeLong(nak.term());
            output.writeLong(nak.currentTerm());
            output.writeLong(nak.nextIndex());
        }

        @Override
        public Nak read(Kryo kryo, Input input, Class<? extends Nak> type) {
            return new Nak(
                    Fields.readLong(input, "term"),
                    Fields.readLong(input, "currentTerm"),
                    Fields.readLong(input, "nextIndex"));
        }
    }

    /** Body: int64 term, int64 index, value. */
    static final class AcceptSerializer extends Serializer<Accept> {
        @Override
        public void write(Kryo kryo, Output output, Accept accept) {
            output.writeLong(accept.term());
            output.writeLong(accept.index());
            Values.writeValue(output, accept.value());
        }

        @Override
        public Accept read(Kryo kryo, Input input, Class<? extends Accept> type) {
            long term = Fields.readLong(input, "term");
            long index = Fields.readLong(input, "index");
            return new Accept(term, index, Values.readValue(input));
        }
    }

    /** Body: int64 term, int64 index. */
    static final class AcceptedSerializer extends Serializer<Accepted> {
        @Override
        public void write(Kryo kryo, Output output, Accepted accepted) {
            output.writeLong(accepted.term());
            output.writeLong(accepted.index());
        }

        @Override
        public Accepted read(Kryo kryo, Input input, Class<? extends Accepted> type) {
            return new Accepted(Fields.readLong(input, "term"), Fields.readLong(input, "index"));
        }
    }
}
