package io.rarakoon.bin.ops;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Marks a scenario of the long operations suite: it runs only when the system property {@code
 * rarakoon.ops.long} is {@code true}, which the {@code ops-long} Maven profile sets ({@code mvn -B
 * -ntp -pl bin -am verify -Pops-long}); CI's {@code mvn -B -ntp verify} reports it as skipped with
 * that command.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@EnabledIfSystemProperty(
        named = "rarakoon.ops.long",
        matches = "true",
        disabledReason = "long suite: mvn -B -ntp -pl bin -am verify -Pops-long")
@interface LongSuite {}
