package io.rarakoon.client.protocol;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** jqwik generators for every protocol type; small sizes keep the property tests fast. */
final class ProtocolArbitraries {
    private ProtocolArbitraries() {}

    static Arbitrary<ByteString> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(12).map(ByteString::of);
    }

    static Arbitrary<Optional<ByteString>> optional() {
        return bytes().optional();
    }

    static Arbitrary<List<ByteString>> list() {
        return bytes().list().ofMaxSize(5);
    }

    static Arbitrary<Consistency> consistency() {
        return Arbitraries.oneOf(
                Arbitraries.just(Consistency.CONSISTENT),
                Arbitraries.just(Consistency.NO_GUARANTEES),
                Arbitraries.longs().map(Consistency::atLeast));
    }

    static Arbitrary<RangeQuery> rangeQuery() {
        return Combinators.combine(
                        optional(),
                        Arbitraries.of(true, false),
                        optional(),
                        Arbitraries.of(true, false),
                        Arbitraries.integers())
                .as(RangeQuery::new);
    }

    static Arbitrary<Interval> interval() {
        return Combinators.combine(optional(), optional(), optional(), optional())
                .as(Interval::new);
    }

    static Arbitrary<RoutingTree> routing() {
        return Arbitraries.lazyOf(
                () -> bytes().map(RoutingTree.Leaf::new),
                () -> bytes().map(RoutingTree.Leaf::new),
                () ->
                        Combinators.combine(bytes(), routing(), routing())
                                .as(RoutingTree.Branch::new));
    }

    static Arbitrary<List<NodeAddress>> nodes() {
        return Combinators.combine(bytes(), list(), Arbitraries.integers())
                .as(NodeAddress::new)
                .list()
                .ofMaxSize(3);
    }

    static Arbitrary<NamedValue> namedValue() {
        return Arbitraries.lazyOf(
                () -> Combinators.combine(bytes(), Arbitraries.integers()).as(NamedValue.Int::new),
                () -> Combinators.combine(bytes(), Arbitraries.longs()).as(NamedValue.Int64::new),
                () -> Combinators.combine(bytes(), Arbitraries.doubles()).as(NamedValue.Float::new),
                () -> Combinators.combine(bytes(), bytes()).as(NamedValue.Text::new),
                () ->
                        Combinators.combine(bytes(), namedValue().list().ofMaxSize(3))
                                .as(NamedValue.Group::new));
    }

    static Arbitrary<Update> update() {
        return Arbitraries.lazyOf(
                () -> Combinators.combine(bytes(), bytes()).as(Update.Set::new),
                () -> bytes().map(Update.Delete::new),
                () ->
                        Combinators.combine(bytes(), optional(), optional())
                                .as(Update.TestAndSet::new),
                () -> Combinators.combine(bytes(), Arbitraries.longs()).as(Update.MasterSet::new),
                () -> update().list().ofMaxSize(3).map(Update.Sequence::new),
                () -> Arbitraries.just(new Update.Nop()),
                () -> Combinators.combine(bytes(), optional()).as(Update.UserFunction::new),
                () -> Combinators.combine(bytes(), optional()).as(Update.Assert::new),
                () -> Combinators.combine(bytes(), optional()).as(Update.AdminSet::new),
                () -> interval().map(Update.SetInterval::new),
                () -> routing().map(Update.SetRouting::new),
                () ->
                        Combinators.combine(bytes(), bytes(), bytes())
                                .as(Update.SetRoutingDelta::new),
                () -> update().list().ofMaxSize(3).map(Update.SyncedSequence::new),
                () -> bytes().map(Update.DeletePrefix::new),
                () -> bytes().map(Update.AssertExists::new),
                () -> Combinators.combine(bytes(), optional()).as(Update.Replace::new),
                () -> Combinators.combine(bytes(), list()).as(Update.AssertRange::new));
    }

    static Arbitrary<List<Update>> steps() {
        return update().list().ofMaxSize(4);
    }

    static Arbitrary<Request> request() {
        return Arbitraries.oneOf(List.of(readRequest(), writeRequest(), adminRequest()));
    }

    private static Arbitrary<Request> readRequest() {
        return Arbitraries.oneOf(
                List.of(
                        Combinators.combine(consistency(), bytes()).as(Request.Exists::new),
                        Combinators.combine(consistency(), bytes()).as(Request.Get::new),
                        Combinators.combine(consistency(), bytes()).as(Request.AssertExists::new),
                        Combinators.combine(consistency(), bytes()).as(Request.UserHook::new),
                        Combinators.combine(consistency(), bytes(), optional())
                                .as(Request.Assert::new),
                        Combinators.combine(consistency(), rangeQuery()).as(Request.Range::new),
                        Combinators.combine(consistency(), rangeQuery())
                                .as(Request.RangeEntries::new),
                        Combinators.combine(consistency(), rangeQuery())
                                .as(Request.RevRangeEntries::new),
                        Combinators.combine(consistency(), bytes(), Arbitraries.integers())
                                .as(Request.PrefixKeys::new),
                        Combinators.combine(consistency(), list()).as(Request.MultiGet::new),
                        Combinators.combine(consistency(), list()).as(Request.MultiGetOption::new),
                        Combinators.combine(optional(), Arbitraries.integers())
                                .as(Request.GetFringe::new)));
    }

    private static Arbitrary<Request> writeRequest() {
        return Arbitraries.oneOf(
                List.of(
                        Combinators.combine(bytes(), bytes()).as(Request.Set::new),
                        Combinators.combine(bytes(), bytes()).as(Request.Confirm::new),
                        bytes().map(Request.Delete::new),
                        bytes().map(Request.DeletePrefix::new),
                        Combinators.combine(bytes(), optional(), optional())
                                .as(Request.TestAndSet::new),
                        Combinators.combine(bytes(), optional()).as(Request.Replace::new),
                        Combinators.combine(bytes(), optional()).as(Request.UserFunction::new),
                        steps().map(Request.Sequence::new),
                        steps().map(Request.SyncedSequence::new),
                        Combinators.combine(interval(), steps()).as(Request.MigrateRange::new)));
    }

    private static Arbitrary<Request> adminRequest() {
        return Arbitraries.oneOf(
                List.of(
                        Combinators.combine(bytes(), bytes()).as(Request.Ping::new),
                        Arbitraries.integers().map(Request.CollapseTlogs::new),
                        Arbitraries.integers().map(Request.CopyDbToHead::new),
                        Arbitraries.longs().map(Request.LastEntries::new),
                        Arbitraries.longs().map(Request.LastEntries2::new),
                        Arbitraries.longs().map(Request.LastEntries3::new),
                        interval().map(Request.SetInterval::new),
                        routing().map(Request.SetRouting::new),
                        Combinators.combine(bytes(), bytes(), bytes())
                                .as(Request.SetRoutingDelta::new),
                        Combinators.combine(bytes(), nodes()).as(Request.SetNurseryConfig::new),
                        Arbitraries.of(
                                new Request.WhoMaster(),
                                new Request.ExpectProgressPossible(),
                                new Request.Statistics(),
                                new Request.GetRouting(),
                                new Request.GetKeyCount(),
                                new Request.GetDb(),
                                new Request.GetInterval(),
                                new Request.GetNurseryConfig(),
                                new Request.OptimizeDb(),
                                new Request.DefragDb(),
                                new Request.Version(),
                                new Request.DropMaster(),
                                new Request.CurrentState(),
                                new Request.Nop(),
                                new Request.FlushStore(),
                                new Request.GetTxid())));
    }

    /** A success response of the given shape. */
    static Arbitrary<Response> success(Command.Shape shape) {
        return switch (shape) {
            case EMPTY -> Arbitraries.just(new Response.Done());
            case STRING -> bytes().map(Response.Text::new);
            case OPTIONAL_STRING -> optional().map(Response.MaybeText::new);
            case BOOL -> Arbitraries.of(true, false).map(Response.Flag::new);
            case STRING_LIST -> list().map(Response.Texts::new);
            case ENTRY_LIST ->
                    Combinators.combine(bytes(), bytes())
                            .as(Entry::new)
                            .list()
                            .ofMaxSize(4)
                            .map(Response.Entries::new);
            case OPTIONAL_LIST -> optional().list().ofMaxSize(4).map(Response.MaybeTexts::new);
            case INT32 -> Arbitraries.integers().map(i -> new Response.Count(i));
            case INT64 -> Arbitraries.longs().map(Response.Count::new);
            case VERSION ->
                    Combinators.combine(
                                    Arbitraries.integers(),
                                    Arbitraries.integers(),
                                    Arbitraries.integers(),
                                    bytes())
                            .as(Response.Version::new);
            case TXID -> Arbitraries.longs().map(Response.Txid::new);
            case STATISTICS -> namedValue().map(Response.Statistics::new);
            case INTERVAL -> interval().map(Response.IntervalValue::new);
            case ROUTING -> routing().map(Response.Routing::new);
            case NURSERY_CONFIG ->
                    Combinators.combine(
                                    routing(),
                                    Combinators.combine(bytes(), nodes())
                                            .as(NurseryCluster::new)
                                            .list()
                                            .ofMaxSize(3))
                            .as(Response.NurseryConfig::new);
            case DB_STREAM -> Arbitraries.longs().greaterOrEqual(0).map(Response.DbHeader::new);
            case COLLAPSE ->
                    Arbitraries.integers().greaterOrEqual(0).map(Response.CollapseStarted::new);
            case STREAM -> Arbitraries.just(new Response.StreamStarted());
            case HOOK -> Arbitraries.just(new Response.HookStarted());
        };
    }

    static Arbitrary<Response> failure() {
        return Combinators.combine(
                        Arbitraries.of(ResultCode.class)
                                .filter(c -> c != ResultCode.OK && c != ResultCode.NO_MAGIC),
                        bytes())
                .as(Response.Failure::new);
    }
}
