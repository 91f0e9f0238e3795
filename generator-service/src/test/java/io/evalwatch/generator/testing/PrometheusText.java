package io.evalwatch.generator.testing;

import java.util.Map;

/** Reads one sample from Prometheus text exposition: the sum over series with the given name and labels. */
public final class PrometheusText {

    private PrometheusText() {
    }

    public static double value(String exposition, String name, Map<String, String> labels) {
        double sum = 0;
        for (String line : exposition.split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            String series = space < 0 ? line : line.substring(0, space);
            String metric = brace < 0 || brace > space ? series : line.substring(0, brace);
            if (!metric.equals(name)) {
                continue;
            }
            boolean matches = labels.entrySet().stream()
                    .allMatch(l -> series.contains(l.getKey() + "=\"" + l.getValue() + "\""));
            if (matches) {
                sum += Double.parseDouble(line.substring(space + 1).trim());
            }
        }
        return sum;
    }
}
