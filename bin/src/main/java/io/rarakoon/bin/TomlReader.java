package io.rarakoon.bin;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.tomlj.TomlArray;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Typed reads from one TOML table that collect problems instead of stopping at the first, so that
 * an operator sees every mistake in the file at once. Each problem names the dotted key and the
 * line it is on.
 */
final class TomlReader {
    private final TomlTable table;
    private final String prefix;
    private final TomlPosition tablePosition;
    private final List<String> problems;

    TomlReader(TomlTable table, String prefix, TomlPosition tablePosition, List<String> problems) {
        this.table = table;
        this.prefix = prefix;
        this.tablePosition = tablePosition;
        this.problems = problems;
    }

    /** A reader of the sub-table under {@code key}; an empty one when the key is absent. */
    TomlReader table(String key) {
        if (table.contains(key) && !table.isTable(key)) {
            problem(key, "must be a table");
        }
        TomlTable sub = table.isTable(key) ? table.getTable(key) : emptyTable();
        return new TomlReader(sub, name(key) + ".", positionOf(key), problems);
    }

    Optional<String> optionalString(String key) {
        if (!table.contains(key)) {
            return Optional.empty();
        }
        if (!table.isString(key)) {
            problem(key, "must be a string");
            return Optional.empty();
        }
        return Optional.of(table.getString(key));
    }

    String string(String key, String fallback) {
        return optionalString(key).orElse(fallback);
    }

    String requiredString(String key) {
        if (!table.contains(key)) {
            problem(key, "is required");
            return "";
        }
        String value = optionalString(key).orElse("");
        if (table.isString(key) && value.isBlank()) {
            problem(key, "must not be empty");
        }
        return value;
    }

    /** A whole number in {@code [min, max]}; the fallback when absent or wrong. */
    long number(String key, long fallback, long min, long max) {
        if (!table.contains(key)) {
            return fallback;
        }
        if (!table.isLong(key)) {
            problem(key, "must be a whole number");
            return fallback;
        }
        long value = table.getLong(key);
        if (value < min || value > max) {
            problem(key, value + " is not in " + min + ".." + max);
            return fallback;
        }
        return value;
    }

    boolean isPresent(String key) {
        return table.contains(key);
    }

    /** A non-negative number; TOML integers are accepted too. */
    double fraction(String key, double fallback) {
        if (!table.contains(key)) {
            return fallback;
        }
        Object raw = table.get(key);
        if (!(raw instanceof Number number) || number.doubleValue() < 0) {
            problem(key, "must be a number >= 0");
            return fallback;
        }
        return number.doubleValue();
    }

    boolean bool(String key, boolean fallback) {
        if (!table.contains(key)) {
            return fallback;
        }
        if (!table.isBoolean(key)) {
            problem(key, "must be true or false");
            return fallback;
        }
        return table.getBoolean(key);
    }

    List<String> strings(String key) {
        if (!table.contains(key)) {
            return List.of();
        }
        if (!table.isArray(key)) {
            problem(key, "must be an array of strings");
            return List.of();
        }
        TomlArray array = table.getArray(key);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (array.get(i) instanceof String s) {
                values.add(s);
            } else {
                problem(key, "element " + i + " must be a string");
            }
        }
        return values;
    }

    /** One of {@code allowed}, compared case-sensitively; the fallback when absent or wrong. */
    String choice(String key, String fallback, List<String> allowed) {
        String value = string(key, fallback);
        if (!allowed.contains(value)) {
            problem(key, "'" + value + "' is not one of " + allowed);
            return fallback;
        }
        return value;
    }

    /** Reports every key of this table that is not in {@code known}: usually a typo. */
    void rejectUnknownKeys(Set<String> known) {
        for (String key : new TreeSet<>(table.keySet())) {
            if (!known.contains(key)) {
                problem(key, "is not a known setting");
            }
        }
    }

    /** Records a problem about {@code key} of this table. */
    void problem(String key, String message) {
        TomlPosition position = table.contains(key) ? positionOf(key) : tablePosition;
        problems.add(at(position) + name(key) + ": " + message);
    }

    /** Records a problem about this table as a whole. */
    void tableProblem(String message) {
        problems.add(at(tablePosition) + prefix.replaceAll("\\.$", "") + ": " + message);
    }

    private TomlPosition positionOf(String key) {
        TomlPosition position = table.inputPositionOf(key);
        return position == null ? tablePosition : position;
    }

    private String name(String key) {
        return prefix + key;
    }

    private static String at(TomlPosition position) {
        return position == null ? "" : "line " + position.line() + ": ";
    }

    private static TomlTable emptyTable() {
        return org.tomlj.Toml.parse("");
    }
}
