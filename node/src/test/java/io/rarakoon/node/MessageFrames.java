package io.rarakoon.node;

import io.rarakoon.paxos.message.Accept;
import io.rarakoon.paxos.message.Accepted;
import io.rarakoon.paxos.message.LogEntry;
import io.rarakoon.paxos.message.Message;
import io.rarakoon.paxos.message.Nak;
import io.rarakoon.paxos.message.Prepare;
import io.rarakoon.paxos.message.Promise;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Optional;

/**
 * A test-only byte encoding of the Paxos messages, so the fake network passes bytes, never shared
 * objects, between nodes (STYLE.md §6). Values travel as encoded log entries. Until wire-codec
 * registers the Paxos messages, this stands in for its frames.
 */
final class MessageFrames {
    private MessageFrames() {}

    static byte[] encode(Message message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            if (message instanceof Prepare m) {
                out.writeByte(1);
                out.writeLong(m.term());
                out.writeLong(m.index());
            } else if (message instanceof Promise m) {
                out.writeByte(2);
                out.writeLong(m.term());
                out.writeLong(m.nextIndex());
                out.writeBoolean(m.accepted().isPresent());
                if (m.accepted().isPresent()) {
                    entry(out, m.accepted().get());
                }
            } else if (message instanceof Nak m) {
                out.writeByte(3);
                out.writeLong(m.term());
                out.writeLong(m.currentTerm());
                out.writeLong(m.nextIndex());
            } else if (message instanceof Accept m) {
                out.writeByte(4);
                entry(out, new LogEntry(m.term(), m.index(), m.value()));
            } else if (message instanceof Accepted m) {
                out.writeByte(5);
                out.writeLong(m.term());
                out.writeLong(m.index());
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return bytes.toByteArray();
    }

    static Message decode(byte[] frame) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(frame))) {
            int tag = in.readByte();
            return switch (tag) {
                case 1 -> new Prepare(in.readLong(), in.readLong());
                case 2 ->
                        new Promise(
                                in.readLong(),
                                in.readLong(),
                                in.readBoolean() ? Optional.of(entry(in)) : Optional.empty());
                case 3 -> new Nak(in.readLong(), in.readLong(), in.readLong());
                case 4 -> {
                    LogEntry entry = entry(in);
                    yield new Accept(entry.term(), entry.index(), entry.value());
                }
                case 5 -> new Accepted(in.readLong(), in.readLong());
                default -> throw new AssertionError("tag " + tag);
            };
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void entry(DataOutputStream out, LogEntry entry) throws IOException {
        byte[] payload = ValueCodec.encodeEntry(entry);
        out.writeInt(payload.length);
        out.write(payload);
    }

    private static LogEntry entry(DataInputStream in) throws IOException {
        byte[] payload = in.readNBytes(in.readInt());
        return ValueCodec.decodeEntry(payload);
    }
}
