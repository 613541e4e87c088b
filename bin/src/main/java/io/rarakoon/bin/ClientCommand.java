package io.rarakoon.bin;

import io.rarakoon.client.ArakoonClient;
import io.rarakoon.client.protocol.ByteString;
import io.rarakoon.client.protocol.Entry;
import io.rarakoon.client.protocol.NamedValue;
import io.rarakoon.client.protocol.Response;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rarakoon client --config F <command>}: one request to the cluster through the Java client,
 * which finds the master itself. Output is meant for scripts: bare values, one item per line;
 * errors go to stderr as Arakoon's error name and message.
 */
@Command(
        name = "client",
        mixinStandardHelpOptions = true,
        description = "Send one request to the cluster's master (reads and writes alike).",
        footer = {
            "",
            "Exit codes: 0 done, 1 the server answered an error (printed as",
            "E_<NAME>: message on stderr) or no master answered in time, 2 bad command",
            "line or cluster file."
        })
final class ClientCommand {
    @Spec private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "The cluster file (required).")
    private Path config;

    @Option(
            names = "--timeout-secs",
            defaultValue = "30",
            paramLabel = "SECONDS",
            description = "Give up after this long, retries included (default: ${DEFAULT-VALUE}).")
    private long timeoutSecs;

    @Mixin private TlsOptions tls;

    @Command(mixinStandardHelpOptions = true, name = "get", description = "Print the value of KEY.")
    int get(@Parameters(paramLabel = "KEY") String key) {
        return call(c -> printBytes(c.get(utf8(key))));
    }

    @Command(mixinStandardHelpOptions = true, name = "set", description = "Store VALUE under KEY.")
    int set(
            @Parameters(paramLabel = "KEY") String key,
            @Parameters(paramLabel = "VALUE") String value) {
        return call(c -> done(() -> c.set(utf8(key), utf8(value))));
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "delete",
            description = "Delete KEY; fails with E_NOT_FOUND if it is absent.")
    int delete(@Parameters(paramLabel = "KEY") String key) {
        return call(c -> done(() -> c.delete(utf8(key))));
    }

    @Command(mixinStandardHelpOptions = true, name = "exists", description = "Print true or false.")
    int exists(@Parameters(paramLabel = "KEY") String key) {
        return call(c -> print(String.valueOf(c.exists(utf8(key)))));
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "multi-get",
            description = "Print the values of the KEYs, one per line.")
    int multiGet(@Parameters(paramLabel = "KEY", arity = "1..*") List<String> keys) {
        return call(c -> printAll(c.multiGet(keys.stream().map(ClientCommand::utf8).toList())));
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "range",
            description =
                    "Print KEY<TAB>VALUE lines in ascending order, from FIRST (inclusive) to LAST (exclusive).")
    int range(
            @Option(names = "--first", paramLabel = "KEY") Optional<String> first,
            @Option(names = "--last", paramLabel = "KEY") Optional<String> last,
            @Option(names = "--max", defaultValue = "1000", paramLabel = "N") int max) {
        return call(
                c ->
                        printEntries(
                                c.rangeEntries(
                                        first.map(ClientCommand::utf8),
                                        true,
                                        last.map(ClientCommand::utf8),
                                        false,
                                        max)));
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "rev-range",
            description =
                    "Print KEY<TAB>VALUE lines in descending order, from HIGH (inclusive) down to LOW (exclusive).")
    int revRange(
            @Option(names = "--high", paramLabel = "KEY") Optional<String> high,
            @Option(names = "--low", paramLabel = "KEY") Optional<String> low,
            @Option(names = "--max", defaultValue = "1000", paramLabel = "N") int max) {
        return call(
                c ->
                        printEntries(
                                c.revRangeEntries(
                                        high.map(ClientCommand::utf8),
                                        true,
                                        low.map(ClientCommand::utf8),
                                        false,
                                        max)));
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "prefix",
            description = "Print the keys starting with PREFIX, one per line.")
    int prefix(
            @Parameters(paramLabel = "PREFIX") String prefix,
            @Option(names = "--max", defaultValue = "1000", paramLabel = "N") int max) {
        return call(c -> printAll(c.prefixKeys(utf8(prefix), max)));
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "delete-prefix",
            description = "Delete every key starting with PREFIX; print how many.")
    int deletePrefix(@Parameters(paramLabel = "PREFIX") String prefix) {
        return call(c -> print(String.valueOf(c.deletePrefix(utf8(prefix)))));
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "key-count",
            description = "Print the number of keys.")
    int keyCount() {
        return call(c -> print(String.valueOf(c.keyCount())));
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "who-master",
            description = "Print the master's name; exit 1 and print nothing when there is none.")
    int whoMaster() {
        return call(c -> c.whoMaster().map(this::print).orElse(ExitCodes.FAILED));
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "expect-progress-possible",
            description = "Print whether the master can make progress (true or false).")
    int expectProgressPossible() {
        return call(c -> print(String.valueOf(c.expectProgressPossible())));
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "statistics",
            description = "Print the master's statistics, one NAME: VALUE per line.")
    int statistics() {
        return call(c -> printStatistics(c.statistics(), ""));
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "version",
            description = "Print the version of a node (default: the master).")
    int version(@Option(names = "--node", paramLabel = "NAME") Optional<String> node) {
        return call(c -> printVersion(node.isPresent() ? c.version(node.get()) : c.version()));
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "node-state",
            description = "Print the Paxos state of a node, e.g. Stable_master.")
    int nodeState(@Option(names = "--node", required = true, paramLabel = "NAME") String node) {
        return call(c -> print(c.currentState(node)));
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "nop",
            description = "Push a no-op through Paxos.")
    int nop() {
        return call(c -> done(c::nop));
    }

    private int call(ToIntFunction<ArakoonClient> request) {
        if (config == null) {
            return ClusterCalls.missingOption(spec, "--config=FILE");
        }
        return ClusterCalls.run(
                config, tls, timeoutSecs, spec.commandLine().getErr(), request::applyAsInt);
    }

    private static ByteString utf8(String text) {
        return ByteString.utf8(text);
    }

    private int done(Runnable request) {
        request.run();
        return ExitCodes.OK;
    }

    private int print(String line) {
        PrintWriter out = spec.commandLine().getOut();
        out.println(line);
        out.flush();
        return ExitCodes.OK;
    }

    private int printBytes(ByteString value) {
        return print(value.toUtf8());
    }

    private int printAll(List<ByteString> values) {
        values.forEach(this::printBytes);
        return ExitCodes.OK;
    }

    private int printEntries(List<Entry> entries) {
        entries.forEach(e -> print(e.key().toUtf8() + "\t" + e.value().toUtf8()));
        return ExitCodes.OK;
    }

    private int printVersion(Response.Version version) {
        return print(
                version.major()
                        + "."
                        + version.minor()
                        + "."
                        + version.patch()
                        + " "
                        + version.info().toUtf8());
    }

    private int printStatistics(NamedValue value, String indent) {
        if (value instanceof NamedValue.Group group) {
            print(indent + group.name().toUtf8() + ":");
            group.members().forEach(member -> printStatistics(member, indent + "  "));
        } else if (value instanceof NamedValue.Int v) {
            print(indent + v.name().toUtf8() + ": " + v.value());
        } else if (value instanceof NamedValue.Int64 v) {
            print(indent + v.name().toUtf8() + ": " + v.value());
        } else if (value instanceof NamedValue.Float v) {
            print(indent + v.name().toUtf8() + ": " + v.value());
        } else if (value instanceof NamedValue.Text v) {
            print(indent + v.name().toUtf8() + ": " + v.value().toUtf8());
        } else {
            throw new AssertionError("unhandled statistic " + value);
        }
        return ExitCodes.OK;
    }
}
