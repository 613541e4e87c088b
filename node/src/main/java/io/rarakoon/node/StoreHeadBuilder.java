package io.rarakoon.node;

import io.rarakoon.kv.KvStore;
import io.rarakoon.paxos.message.LogEntry;
import io.rarakoon.wal.HeadBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Builds a head snapshot for the WAL's Collapser in a private store: the previous head, then the
 * log's entries in order. The live store is never touched. One builder per collapse, on the
 * collapser's thread.
 */
final class StoreHeadBuilder implements HeadBuilder {
    private final StorageOptions options;
    private final ValueCodec codec = new ValueCodec();
    private KvStore store;

    StoreHeadBuilder(StorageOptions options) {
        this.options = options;
        this.store = new KvStore(NodeStorage.APPLY_VALUE_BYTES_MAX, options.functions());
    }

    @Override
    public void load(InputStream previousHead) throws IOException {
        store =
                KvStore.restore(
                        previousHead, NodeStorage.APPLY_VALUE_BYTES_MAX, options.functions());
    }

    @Override
    public void apply(long index, byte[] payload) throws IOException {
        LogEntry entry = codec.decodeEntry(payload);
        if (entry.index() != index || index != store.nextIndex()) {
            throw new MalformedPayloadException(
                    "entry index "
                            + entry.index()
                            + " at log index "
                            + index
                            + " does not fit store next index "
                            + store.nextIndex());
        }
        store.apply(index, codec.updatesOf(entry.value()));
    }

    @Override
    public void write(OutputStream out) throws IOException {
        store.writeSnapshot(out);
    }
}
