package io.rarakoon.bin;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Enforces the module boundaries of STYLE.md §3 on the compiled production classes: modules use
 * only the modules below them, pure modules touch nothing but the JDK, and only the messenger's
 * Netty adapter knows Netty. Maven already forbids cycles; this forbids upward edges.
 */
class ArchitectureTest {

    /** Each of our root packages and the root packages of ours it may use. */
    private static final Map<String, List<String>> ALLOWED = new LinkedHashMap<>();

    static {
        ALLOWED.put("paxos", List.of());
        ALLOWED.put("kv", List.of());
        ALLOWED.put("connection", List.of());
        ALLOWED.put("leaky", List.of());
        ALLOWED.put("wire", List.of("paxos", "kv"));
        ALLOWED.put("wal", List.of());
        ALLOWED.put("messenger", List.of("wire", "connection", "leaky", "paxos", "kv"));
        ALLOWED.put("client", List.of("connection"));
        ALLOWED.put(
                "node",
                List.of(
                        "paxos",
                        "kv",
                        "wal",
                        "wire",
                        "messenger",
                        "client",
                        "connection",
                        "leaky"));
        ALLOWED.put(
                "sim",
                List.of("node", "paxos", "kv", "wal", "wire", "client", "messenger", "connection"));
    }

    private static final List<String> PURE = List.of("paxos", "kv", "connection", "leaky");

    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes =
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.rarakoon");
    }

    @Test
    void modulesDependOnlyDownward() {
        for (Map.Entry<String, List<String>> module : ALLOWED.entrySet()) {
            List<String> forbidden = new ArrayList<>();
            forbidden.add("io.rarakoon.bin..");
            forbidden.add("io.rarakoon.bench..");
            for (String other : ALLOWED.keySet()) {
                if (!other.equals(module.getKey()) && !module.getValue().contains(other)) {
                    forbidden.add("io.rarakoon." + other + "..");
                }
            }
            noClasses()
                    .that()
                    .resideInAPackage("io.rarakoon." + module.getKey() + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(forbidden.toArray(String[]::new))
                    .allowEmptyShould(true)
                    .check(classes);
        }
    }

    @Test
    void pureModulesUseOnlyTheJdkAndThemselves() {
        for (String module : PURE) {
            noClasses()
                    .that()
                    .resideInAPackage("io.rarakoon." + module + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideOutsideOfPackages("java..", "io.rarakoon." + module + "..")
                    .allowEmptyShould(true)
                    .check(classes);
        }
    }

    @Test
    void onlyTheNettyAdapterKnowsNetty() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.rarakoon.messenger.netty..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.netty..")
                .allowEmptyShould(true)
                .check(classes);
    }
}
