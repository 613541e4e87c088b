package io.rarakoon.client.protocol;

/** Decodes each command's request payload (spec §7). */
final class RequestPayloads {
    private RequestPayloads() {}

    static Request read(Command command, WireReader r) throws WireException {
        return switch (command) {
            case PING -> new Request.Ping(r.readString("client_id"), r.readString("cluster_id"));
            case EXISTS -> new Request.Exists(r.readConsistency(), r.readString("key"));
            case GET -> new Request.Get(r.readConsistency(), r.readString("key"));
            case ASSERT_EXISTS ->
                    new Request.AssertExists(r.readConsistency(), r.readString("key"));
            case USER_HOOK -> new Request.UserHook(r.readConsistency(), r.readString("hook name"));
            case ASSERT ->
                    new Request.Assert(
                            r.readConsistency(), r.readString("key"), r.readOption("expected"));
            case RANGE -> new Request.Range(r.readConsistency(), readRange(r));
            case RANGE_ENTRIES -> new Request.RangeEntries(r.readConsistency(), readRange(r));
            case REV_RANGE_ENTRIES ->
                    new Request.RevRangeEntries(r.readConsistency(), readRange(r));
            case PREFIX_KEYS ->
                    new Request.PrefixKeys(
                            r.readConsistency(), r.readString("prefix"), r.readI32("max"));
            case MULTI_GET ->
                    new Request.MultiGet(
                            r.readConsistency(), StructureCodec.readStrings(r, "keys"));
            case MULTI_GET_OPTION ->
                    new Request.MultiGetOption(
                            r.readConsistency(), StructureCodec.readStrings(r, "keys"));
            case GET_FRINGE ->
                    new Request.GetFringe(r.readOption("boundary"), r.readI32("direction"));
            case SET -> new Request.Set(r.readString("key"), r.readString("value"));
            case CONFIRM -> new Request.Confirm(r.readString("key"), r.readString("value"));
            case DELETE -> new Request.Delete(r.readString("key"));
            case DELETE_PREFIX -> new Request.DeletePrefix(r.readString("prefix"));
            case TEST_AND_SET ->
                    new Request.TestAndSet(
                            r.readString("key"), r.readOption("expected"), r.readOption("wanted"));
            case REPLACE -> new Request.Replace(r.readString("key"), r.readOption("wanted"));
            case USER_FUNCTION ->
                    new Request.UserFunction(
                            r.readString("function name"), r.readOption("argument"));
            case SEQUENCE -> new Request.Sequence(UpdateCodec.readSequenceBlob(r));
            case SYNCED_SEQUENCE -> new Request.SyncedSequence(UpdateCodec.readSequenceBlob(r));
            case MIGRATE_RANGE ->
                    new Request.MigrateRange(
                            StructureCodec.readInterval(r), UpdateCodec.readSequenceBlob(r));
            default -> readAdmin(command, r);
        };
    }

    private static Request readAdmin(Command command, WireReader r) throws WireException {
        return switch (command) {
            case COLLAPSE_TLOGS -> new Request.CollapseTlogs(r.readI32("tlogs_to_keep"));
            case COPY_DB_TO_HEAD -> new Request.CopyDbToHead(r.readI32("tlogs_to_keep"));
            case LAST_ENTRIES -> new Request.LastEntries(r.readI64("start_i"));
            case LAST_ENTRIES2 -> new Request.LastEntries2(r.readI64("start_i"));
            case LAST_ENTRIES3 -> new Request.LastEntries3(r.readI64("start_i"));
            case SET_INTERVAL -> new Request.SetInterval(StructureCodec.readInterval(r));
            case SET_ROUTING ->
                    new Request.SetRouting(StructureCodec.readRouting(r.readBlob("routing"), 0));
            case SET_ROUTING_DELTA ->
                    new Request.SetRoutingDelta(
                            r.readString("left"), r.readString("separator"), r.readString("right"));
            case SET_NURSERY_CONFIG ->
                    new Request.SetNurseryConfig(
                            r.readString("cluster_id"), StructureCodec.readNodes(r));
            default -> emptyPayload(command);
        };
    }

    private static Request emptyPayload(Command command) {
        return switch (command) {
            case WHO_MASTER -> new Request.WhoMaster();
            case EXPECT_PROGRESS_POSSIBLE -> new Request.ExpectProgressPossible();
            case STATISTICS -> new Request.Statistics();
            case GET_ROUTING -> new Request.GetRouting();
            case GET_KEY_COUNT -> new Request.GetKeyCount();
            case GET_DB -> new Request.GetDb();
            case GET_INTERVAL -> new Request.GetInterval();
            case GET_NURSERY_CONFIG -> new Request.GetNurseryConfig();
            case OPTIMIZE_DB -> new Request.OptimizeDb();
            case DEFRAG_DB -> new Request.DefragDb();
            case VERSION -> new Request.Version();
            case DROP_MASTER -> new Request.DropMaster();
            case CURRENT_STATE -> new Request.CurrentState();
            case NOP -> new Request.Nop();
            case FLUSH_STORE -> new Request.FlushStore();
            case GET_TXID -> new Request.GetTxid();
            default -> throw new IllegalStateException(command + " has a payload but no decoder");
        };
    }

    private static RangeQuery readRange(WireReader r) throws WireException {
        return new RangeQuery(
                r.readOption("first"),
                r.readBool("first inclusive"),
                r.readOption("last"),
                r.readBool("last inclusive"),
                r.readI32("max"));
    }
}
