package io.evalwatch.suite.twin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A task's text reworded with its meaning kept: a docstring, or a generation prompt as a whole. Prose lines get the
 * phrase table and the renames of names that read as identifiers; code in the text (doctest lines, lines that call a
 * renamed function, fenced blocks, backtick spans) is renamed token by token; quoted text and a doctest's expected
 * output are left as they are; a run of doctest examples, each with its output, is reordered by the seed.
 */
final class Prose {

    /** Rules that keep the meaning; longer phrases first, so "Check if" wins over "if". Case-sensitive. */
    static final Map<String, String> PHRASES = phrases(
            "You are given", "You have",
            "Write a python function", "Implement a Python function",
            "Write a Python function", "Implement a Python function",
            "Write a function", "Implement a function",
            "write a function", "implement a function",
            "For example", "For instance",
            "for example", "for instance",
            "Check if", "Determine whether",
            "check if", "determine whether",
            "Check whether", "Determine whether",
            "check whether", "determine whether",
            "number of", "count of",
            "Given", "For",
            "given", "supplied",
            "Returns", "Gives back",
            "returns", "gives back",
            "returned", "given back",
            "returning", "giving back",
            "Return", "Give back",
            "return", "give back",
            "lists", "sequences",
            "list", "sequence",
            "List", "Sequence",
            "contains", "includes",
            "contain", "include",
            "each other", "one another",
            "Each", "Every",
            "each", "every",
            "Find", "Determine",
            "find", "determine",
            "Calculate", "Compute",
            "calculate", "compute");

    private static final Pattern BACKTICKS = Pattern.compile("`[^`\n]+`");
    private static final Pattern QUOTED = Pattern.compile("\"[^\"\n]*\"|(?<![\\w])'[^'\n]*'(?![\\w])");

    private final Map<String, String> renames;
    private final Pattern words;
    private final Pattern calls;
    private final long seed;

    Prose(Map<String, String> renames, long seed) {
        this.renames = renames;
        this.seed = seed;
        List<String> alternatives = new ArrayList<>();
        renames.keySet().stream().sorted((a, b) -> b.length() - a.length()).map(Pattern::quote)
                .forEach(alternatives::add);
        String names = String.join("|", alternatives);
        String phrases = String.join("|", PHRASES.keySet().stream().map(Pattern::quote).toList());
        this.words = Pattern.compile((names.isEmpty() ? "" : "(?<![\\w.`'\\[])(?:" + names + ")(?!\\w)|")
                + "(?<![\\w.`'\\[])(?:" + phrases + ")(?![\\w\\[(])");
        this.calls = renames.isEmpty() ? Pattern.compile("(?!)") : Pattern.compile("(?<![\\w.])(?:" + String.join(
                "|", renames.keySet().stream().map(Pattern::quote).toList()) + ")\\s*\\(");
    }

    String reword(String text) {
        String[] lines = text.split("\n", -1);
        List<String> out = new ArrayList<>();
        boolean fenced = false;
        int i = 0;
        while (i < lines.length) {
            String stripped = lines[i].strip();
            if (stripped.startsWith("```")) {
                fenced = !fenced;
                out.add(lines[i++]);
            } else if (fenced) {
                out.add(code(lines[i++]));
            } else if (stripped.startsWith(">>>")) {
                i = examples(lines, i, out);
            } else if (codeLike(stripped)) {
                out.add(code(lines[i++]));
            } else {
                out.add(prose(lines[i++]));
            }
        }
        return String.join("\n", out);
    }

    /** A run of doctest examples from i: renamed, reordered when each shows its output; returns the line after. */
    private int examples(String[] lines, int from, List<String> out) {
        List<List<String>> blocks = new ArrayList<>();
        boolean everyHasOutput = true;
        int i = from;
        while (i < lines.length && lines[i].strip().startsWith(">>>")) {
            List<String> block = new ArrayList<>();
            block.add(code(lines[i++]));
            while (i < lines.length && lines[i].strip().startsWith("...")) {
                block.add(code(lines[i++]));
            }
            int outputs = 0;
            while (i < lines.length && !lines[i].isBlank() && !lines[i].strip().startsWith(">>>")) {
                block.add(lines[i++]);
                outputs++;
            }
            everyHasOutput &= outputs > 0;
            blocks.add(block);
        }
        if (everyHasOutput && blocks.size() > 1) {
            // a rotation by at least one: the order always changes, and the same task always rotates alike
            int shift = 1 + (int) Math.floorMod(seed, (long) blocks.size() - 1);
            List<List<String>> rotated = new ArrayList<>(blocks.subList(shift, blocks.size()));
            rotated.addAll(blocks.subList(0, shift));
            blocks = rotated;
        }
        blocks.forEach(out::addAll);
        return i;
    }

    /** A line of code: a statement, or a call of a renamed function outside backticks ("f(2) -> 4"). */
    private boolean codeLike(String stripped) {
        return stripped.startsWith("assert ") || stripped.startsWith("def ") || stripped.startsWith("import ")
                || stripped.startsWith("from ") || calls.matcher(BACKTICKS.matcher(stripped).replaceAll("")).find();
    }

    private String code(String line) {
        return PythonCode.rename(line, renames, null);
    }

    /** Backtick spans are code; quoted spans stay; the rest gets the phrases and identifier-like renames. */
    private String prose(String line) {
        StringBuilder out = new StringBuilder();
        Matcher span = Pattern.compile(BACKTICKS.pattern() + "|" + QUOTED.pattern()).matcher(line);
        int copied = 0;
        while (span.find()) {
            out.append(words(line.substring(copied, span.start())));
            String found = span.group();
            out.append(found.startsWith("`") ? code(found) : found);
            copied = span.end();
        }
        return out.append(words(line.substring(copied))).toString();
    }

    private String words(String text) {
        Matcher m = words.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String word = m.group();
            String replacement = word;
            boolean used = m.end() < text.length() && (text.charAt(m.end()) == '(' || text.charAt(m.end()) == '[');
            if (renames.containsKey(word) && (used || identifierLike(word))) {
                replacement = renames.get(word);
            } else if (PHRASES.containsKey(word)) {
                replacement = PHRASES.get(word);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * A bare word in prose is renamed only when it cannot be an English word: it has an underscore, a digit or an
     * inner capital, or is a short word English does not have ("n", "xs", "lst"); "Given a string" keeps its word
     * "string" even when a parameter is called so. A name called or indexed in prose is renamed whatever it is.
     */
    static boolean identifierLike(String name) {
        if (name.length() <= 3) {
            return !SHORT_WORDS.contains(name.toLowerCase());
        }
        return name.contains("_") || name.chars().anyMatch(Character::isDigit)
                || name.substring(1).chars().anyMatch(Character::isUpperCase);
    }

    private static final java.util.Set<String> SHORT_WORDS = java.util.Set.of("a", "i", "an", "am", "as", "at",
            "be", "by", "do", "go", "he", "if", "in", "is", "it", "me", "my", "no", "of", "on", "or", "so", "to",
            "up", "us", "we", "and", "any", "are", "but", "can", "for", "has", "his", "its", "may", "not", "now",
            "one", "our", "out", "the", "two", "was", "who", "why", "yes", "you", "all", "add", "end", "get", "key",
            "new", "old", "set", "sum", "top", "use", "way", "day", "age", "bit", "box", "car", "cat", "dog", "row",
            "sub", "max", "min", "len", "odd", "pos", "neg", "val", "own", "per", "put", "run", "see", "how",
            "off", "too", "few", "her", "him", "she", "let", "try", "ask", "big", "low", "far", "due", "via");

    private static Map<String, String> phrases(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
