package io.evalwatch.suite.twin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The new names of a twin, chosen from word lists by a hash of the task id and the old name: the same task always
 * gets the same names, other tasks (almost always) others. A function becomes verb_noun, a parameter a tree's
 * name; a name already used anywhere in the task, reserved in Python or already chosen is skipped for the next.
 */
final class NameChoice {

    private static final List<String> VERBS = List.of("compute", "derive", "resolve", "evaluate", "produce",
            "determine", "process", "obtain", "assemble", "gauge", "inspect", "measure", "render", "settle",
            "tally", "appraise");
    private static final List<String> NOUNS = List.of("amber", "beacon", "cobalt", "delta", "ember", "falcon",
            "garnet", "harbor", "indigo", "juniper", "kestrel", "lagoon", "meadow", "nimbus", "onyx", "prism",
            "quartz", "raven", "sierra", "tundra", "umber", "vertex", "willow", "zephyr", "basalt", "canyon", "dune",
            "fjord", "glacier", "heron", "iris", "lotus");
    private static final List<String> TREES = List.of("maple", "cedar", "birch", "aspen", "hazel", "rowan", "larch",
            "alder", "spruce", "cypress", "poplar", "linden", "sequoia", "myrtle", "laurel", "acacia", "baobab",
            "catalpa", "hawthorn", "hemlock", "hickory", "holly", "magnolia", "mulberry", "olive", "redwood",
            "sumac", "tamarack", "walnut", "yew", "ginkgo", "elder");

    private NameChoice() {
    }

    /** New names for the functions, then the parameters, in their order; taken: every name the task uses. */
    static Map<String, String> choose(String taskId, Collection<String> functions, Collection<String> parameters,
            Set<String> taken) {
        Set<String> used = new HashSet<>(taken);
        Map<String, String> renames = new LinkedHashMap<>();
        for (String function : functions) {
            int size = VERBS.size() * NOUNS.size();
            renames.put(function, pick(taskId, function, size, i -> VERBS.get(i % VERBS.size()) + "_"
                    + NOUNS.get(i / VERBS.size()), used));
        }
        for (String parameter : parameters) {
            if (!renames.containsKey(parameter)) {
                renames.put(parameter, pick(taskId, parameter, TREES.size(), TREES::get, used));
            }
        }
        return renames;
    }

    private static String pick(String taskId, String name, int size, java.util.function.IntFunction<String> word,
            Set<String> used) {
        int start = (int) Math.floorMod(seed(taskId + "\u0000" + name), (long) size);
        for (int round = 0; ; round++) {
            for (int k = 0; k < size; k++) {
                String candidate = word.apply((start + k) % size) + (round == 0 ? "" : "_" + (round + 1));
                if (!used.contains(candidate) && !Python.reserved(candidate)) {
                    used.add(candidate);
                    return candidate;
                }
            }
        }
    }

    /** A stable 64-bit number from text (the first bytes of its SHA-256). */
    static long seed(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            long seed = 0;
            for (int i = 0; i < 8; i++) {
                seed = (seed << 8) | (digest[i] & 0xff);
            }
            return seed;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
