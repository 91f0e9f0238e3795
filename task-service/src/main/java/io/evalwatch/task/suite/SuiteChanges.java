package io.evalwatch.task.suite;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What changed between two versions of a suite, by task content hash: added (only in {@code to}), changed (in both,
 * different content), retired (only in {@code from}), unchanged (same content in both). Results of unchanged tasks
 * stay comparable across the two versions. Task ids are sorted.
 */
public record SuiteChanges(String suite, String from, String to, List<String> added, List<String> changed,
        List<String> retired, List<String> unchanged) {

    public static SuiteChanges between(String suite, String from, Map<String, String> fromHashes, String to,
            Map<String, String> toHashes) {
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> retired = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        TreeSet<String> ids = new TreeSet<>(fromHashes.keySet());
        ids.addAll(toHashes.keySet());
        for (String id : ids) {
            String before = fromHashes.get(id);
            String after = toHashes.get(id);
            if (before == null) {
                added.add(id);
            } else if (after == null) {
                retired.add(id);
            } else if (before.equals(after)) {
                unchanged.add(id);
            } else {
                changed.add(id);
            }
        }
        return new SuiteChanges(suite, from, to, List.copyOf(added), List.copyOf(changed), List.copyOf(retired),
                List.copyOf(unchanged));
    }

    public boolean identical() {
        return added.isEmpty() && changed.isEmpty() && retired.isEmpty();
    }
}
