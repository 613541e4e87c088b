package io.rarakoon.paxos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden interaction transcripts (STYLE.md §11): every file under src/test/resources/interactions
 * holds a script, a line {@code ----}, and the transcript the script produced when it was last
 * reviewed. The test replays the script with {@link Interaction} and compares. Run with {@code
 * -Dinteractions.rewrite=true} to regenerate the transcripts, then read the diff before committing.
 */
class InteractionTest {

    private static final Path DIRECTORY = Path.of("src/test/resources/interactions");

    @TestFactory
    Stream<DynamicTest> transcriptsMatch() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(DIRECTORY)) {
            files = listing.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
        return files.stream()
                .map(
                        file ->
                                DynamicTest.dynamicTest(
                                        file.getFileName().toString(), () -> check(file)));
    }

    private static void check(Path file) throws IOException {
        String expected = Files.readString(file, StandardCharsets.UTF_8);
        List<String> script = expected.lines().filter(line -> !line.startsWith(" ")).toList();
        String actual = Interaction.run(script);
        if (Boolean.getBoolean("interactions.rewrite")) {
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return;
        }
        assertEquals(expected, actual, "transcript of " + file);
    }
}
