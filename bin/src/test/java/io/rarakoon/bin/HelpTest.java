package io.rarakoon.bin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Walks picocli's tree of every command and subcommand: each answers {@code --help} with exit code
 * 0 and a usage text, without starting anything or reading a cluster file.
 */
class HelpTest {

    @Test
    void everyCommandAnswersHelpWithExitZero() {
        List<List<String>> paths = new ArrayList<>();
        collect(new CommandLine(new Main()), new ArrayList<>(), paths);
        assertTrue(paths.contains(List.of("admin", "backup-db")), paths.toString());
        for (List<String> path : paths) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            LocalCluster.Result run = LocalCluster.run(args.toArray(String[]::new));
            assertEquals(0, run.code(), args + ": " + run.err());
            assertTrue(run.out().startsWith("Usage: "), args + ": " + run.out());
        }
    }

    @Test
    void aMissingConfigOrNodeIsAUsageError() {
        LocalCluster.Result client = LocalCluster.run("client", "get", "k");
        assertEquals(ExitCodes.USAGE, client.code());
        assertTrue(client.err().contains("--config"), client.err());
        LocalCluster.Result admin = LocalCluster.run("admin", "--config", "c.toml", "flush-store");
        assertEquals(ExitCodes.USAGE, admin.code(), admin.err());
        assertTrue(admin.err().contains("--node"), admin.err());
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> into) {
        into.add(path);
        for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
            List<String> subPath = new ArrayList<>(path);
            subPath.add(sub.getKey());
            collect(sub.getValue(), subPath, into);
        }
    }
}
