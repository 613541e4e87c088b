package io.rarakoon.client;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the one class of this module where system time enters ({@link SystemTime}); the
 * forbiddenapis check skips it. {@code grep -r SuppressForbidden} lists it.
 */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@interface SuppressForbidden {}
