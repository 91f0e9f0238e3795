package io.evalwatch.reporting.verdict;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** Which tasks were added, changed, retired or kept between two runs, by content hash. Pure. */
public final class TaskChanges {

    private TaskChanges() {
    }

    /** added, changed, retired and unchanged task ids (sorted); empty lists when either run has no hashes. */
    public static Map<String, List<String>> between(Map<String, String> before, Map<String, String> after) {
        Map<String, List<String>> changes = new LinkedHashMap<>();
        if (before == null || after == null) {
            changes.put("unknown", List.of());
            return changes;
        }
        TreeSet<String> added = new TreeSet<>();
        TreeSet<String> changed = new TreeSet<>();
        TreeSet<String> unchanged = new TreeSet<>();
        after.forEach((task, hash) -> {
            if (!before.containsKey(task)) {
                added.add(task);
            } else if (Objects.equals(before.get(task), hash)) {
                unchanged.add(task);
            } else {
                changed.add(task);
            }
        });
        TreeSet<String> retired = new TreeSet<>(before.keySet());
        retired.removeAll(after.keySet());
        changes.put("added", List.copyOf(added));
        changes.put("changed", List.copyOf(changed));
        changes.put("retired", List.copyOf(retired));
        changes.put("unchanged", List.copyOf(unchanged));
        return changes;
    }
}
