package io.rarakoon.node;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the few classes of this module where nondeterminism (system time, real threads) enters, and
 * the metrics endpoint on the JDK's HTTP server; the forbiddenapis check skips them. {@code grep -r
 * SuppressForbidden} lists them all.
 */
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.FIELD})
public @interface SuppressForbidden {}
