package io.evalwatch.suite;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Field names as a file writes them, and the nearest one to a misspelt name. */
final class Fields {

    private Fields() {
    }

    /** The fields of a bound record, in snake_case, in declaration order. */
    static List<String> of(Class<?> record) {
        RecordComponent[] components = record.getRecordComponents();
        if (components == null) {
            return List.of();
        }
        return Arrays.stream(components).map(c -> Binding.SNAKE_CASE.translate(c.getName())).toList();
    }

    /** The candidate a misspelt name most likely meant: the same letters without separators, or within 2 edits. */
    static Optional<String> nearest(String name, Collection<String> candidates) {
        String plain = plain(name);
        for (String candidate : candidates) {
            if (plain(candidate).equals(plain)) {
                return Optional.of(candidate);
            }
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(name.toLowerCase(Locale.ROOT), candidate);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return bestDistance <= Math.max(1, Math.min(2, name.length() / 3)) ? Optional.ofNullable(best)
                : Optional.empty();
    }

    private static String plain(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[_\\-\\s]", "");
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
