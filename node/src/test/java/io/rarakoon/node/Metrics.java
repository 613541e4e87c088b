package io.rarakoon.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rarakoon.client.protocol.ByteString;
import io.rarakoon.client.protocol.NamedValue;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scrape of a node's metrics endpoint, parsed: every sample line by its name and labels, as
 * written. Checks the content type and that every family has HELP and TYPE lines.
 */
final class Metrics {
    private final Map<String, Double> samples;

    private Metrics(Map<String, Double> samples) {
        this.samples = samples;
    }

    /** GETs {@code /metrics} and parses it. */
    static Metrics scrape(String host, int port) throws IOException {
        HttpURLConnection connection = open(host, port, "/metrics");
        try {
            assertEquals(200, connection.getResponseCode());
            assertEquals(MetricsText.CONTENT_TYPE, connection.getContentType());
            try (InputStream in = connection.getInputStream()) {
                return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } finally {
            connection.disconnect();
        }
    }

    /** The HTTP status of a GET of {@code path}. */
    static int status(String host, int port, String path) throws IOException {
        HttpURLConnection connection = open(host, port, path);
        try {
            return connection.getResponseCode();
        } finally {
            connection.disconnect();
        }
    }

    private static HttpURLConnection open(String host, int port, String path) throws IOException {
        HttpURLConnection connection =
                (HttpURLConnection) new URL("http", host, port, path).openConnection();
        connection.setConnectTimeout(10_000);
        connection.setReadTimeout(10_000);
        return connection;
    }

    static Metrics parse(String text) {
        Map<String, Double> samples = new LinkedHashMap<>();
        List<String> typed = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                typed.add(line.split(" ")[2]);
            } else if (!line.startsWith("#")) {
                int space = line.lastIndexOf(' ');
                String name = line.substring(0, space);
                String family = name.replaceAll("(_bucket|_sum|_count)?(\\{.*)?$", "");
                assertTrue(typed.contains(family) || typed.contains(name.split("\\{")[0]), line);
                samples.put(name, Double.parseDouble(line.substring(space + 1)));
            }
        }
        return new Metrics(samples);
    }

    /** The value of the sample written exactly as {@code nameAndLabels}. */
    double value(String nameAndLabels) {
        Double value = samples.get(nameAndLabels);
        assertTrue(value != null, "no sample " + nameAndLabels + " in " + samples.keySet());
        return value;
    }

    /**
     * Checks a histogram: bounds ascending, cumulative counts never decreasing, +Inf last and equal
     * to {@code _count}, a sum that is not negative.
     */
    void checkHistogram(String name) {
        double previousBound = Double.NEGATIVE_INFINITY;
        double previousCount = 0;
        String prefix = name + "_bucket{le=\"";
        int buckets = 0;
        for (Map.Entry<String, Double> sample : samples.entrySet()) {
            if (!sample.getKey().startsWith(prefix)) {
                continue;
            }
            String bound = sample.getKey().substring(prefix.length(), sample.getKey().length() - 2);
            double le = bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound);
            assertTrue(le > previousBound, sample.getKey());
            assertTrue(sample.getValue() >= previousCount, sample.getKey());
            previousBound = le;
            previousCount = sample.getValue();
            buckets++;
        }
        assertTrue(buckets > 1, name + " has buckets");
        assertEquals(Double.POSITIVE_INFINITY, previousBound, name + " ends with +Inf");
        assertEquals(previousCount, value(name + "_count"), name + " +Inf equals _count");
        assertTrue(value(name + "_sum") >= 0, name + "_sum");
    }

    /** A named int64 member of the top group of a STATISTICS answer. */
    static long member(NamedValue statistics, String name) {
        for (NamedValue member : ((NamedValue.Group) statistics).members()) {
            if (member instanceof NamedValue.Int64 value
                    && value.name().equals(ByteString.utf8(name))) {
                return value.value();
            }
        }
        throw new AssertionError("no member " + name + " in " + statistics);
    }
}
