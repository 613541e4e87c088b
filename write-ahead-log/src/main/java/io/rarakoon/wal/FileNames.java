package io.rarakoon.wal;

import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of WAL files: {@code NNN.wal} (plain segment), {@code NNN.walz} (compressed), with at
 * least three digits as Arakoon's tlogs; temporary names end in {@code .tmp}.
 */
final class FileNames {

    static final String HEAD = "head.snap";
    static final String TEMP_SUFFIX = ".tmp";
    static final String HEAD_TEMP = HEAD + TEMP_SUFFIX;

    private static final Pattern SEGMENT = Pattern.compile("([0-9]{3,18})\\.(wal|walz)");

    private FileNames() {}

    static String plain(long segment) {
        return String.format(Locale.ROOT, "%03d.wal", segment);
    }

    static String compressed(long segment) {
        return String.format(Locale.ROOT, "%03d.walz", segment);
    }

    static String temp(String name) {
        return name + TEMP_SUFFIX;
    }

    static boolean isTemp(String name) {
        return name.endsWith(TEMP_SUFFIX);
    }

    /** The segment number of a plain or compressed segment name, empty for other names. */
    static OptionalLong segmentOf(String name) {
        Matcher matcher = SEGMENT.matcher(name);
        return matcher.matches()
                ? OptionalLong.of(Long.parseLong(matcher.group(1)))
                : OptionalLong.empty();
    }

    static boolean isCompressed(String name) {
        return name.endsWith(".walz");
    }
}
