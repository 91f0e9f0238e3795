package io.evalwatch.events.work;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The vocabulary of review findings, in groups. A reported finding's category is compatible with a known one when
 * it is the same category, the same group, or the group's own name (a reviewer who says "security" about an
 * injection has found it). Suites, the scorer and the simulator read this one list.
 */
public final class ReviewCategories {

    public static final Map<String, List<String>> GROUPS = groups();

    private ReviewCategories() {
    }

    private static Map<String, List<String>> groups() {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        groups.put("security", List.of("sql_injection", "command_injection", "path_traversal",
                "unsafe_deserialization", "xss", "ssrf", "hardcoded_secret", "weak_crypto", "open_redirect",
                "insecure_randomness"));
        groups.put("logic", List.of("access_control", "rate_limit", "off_by_one", "race_condition", "error_handling",
                "input_validation", "resource_leak", "incorrect_calculation", "state_management", "null_handling"));
        groups.put("contract", List.of("deprecated_api", "contract_violation", "api_misuse", "unit_mismatch",
                "breaking_change"));
        return Map.copyOf(groups);
    }

    /** Lower case, spaces and hyphens as underscores: "SQL Injection" and "sql-injection" are sql_injection. */
    public static String normalise(String category) {
        return category == null ? "" : category.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
    }

    /** Whether the category is one of the vocabulary's (group names excluded). */
    public static boolean known(String category) {
        return groupOf(category).isPresent();
    }

    /** The group a category belongs to, or the group a group's own name names; empty for anything else. */
    public static Optional<String> groupOf(String category) {
        String c = normalise(category);
        if (GROUPS.containsKey(c)) {
            return Optional.of(c);
        }
        return GROUPS.entrySet().stream().filter(e -> e.getValue().contains(c)).map(Map.Entry::getKey).findFirst();
    }

    /** Whether a reported category fits a known finding's: the same, or of the same group. */
    public static boolean compatible(String reported, String known) {
        String r = normalise(reported);
        String k = normalise(known);
        if (r.equals(k)) {
            return true;
        }
        Optional<String> rg = groupOf(r);
        return rg.isPresent() && rg.equals(groupOf(k));
    }
}
