package io.evalwatch.events.work;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one module a completion item executes as: the context files in their order, then prefix + middle + suffix.
 * The codebase's own imports ({@code from ledgerkit.money import to_cents}, {@code from .errors import X},
 * {@code import ledgerkit.x}) become {@code pass} at the same indentation, so the names they import resolve within
 * the one module and the line count stays the same. The sandbox runs one module per run; this keeps completion
 * inside that model instead of laying out a package per run. Python only (the golden codebase's language).
 */
public final class CompletedFile {

    private CompletedFile() {
    }

    public static String assemble(List<SourceFile> contextFiles, CodeHole hole, String middle) {
        Set<String> packages = new LinkedHashSet<>();
        for (SourceFile file : contextFiles) {
            packages.add(topPackage(file.path()));
        }
        packages.add(topPackage(hole.file()));
        packages.remove("");
        StringBuilder module = new StringBuilder();
        for (SourceFile file : contextFiles) {
            module.append(file.content());
            if (!file.content().endsWith("\n")) {
                module.append('\n');
            }
        }
        module.append(hole.prefix()).append(fitted(hole.prefix(), middle)).append(hole.suffix());
        return withoutCodebaseImports(module.toString(), packages);
    }

    /**
     * The middle as it goes into the hole: ending in a newline when it is a block of lines, and, when the hole opens a
     * block (the prefix's last line ends with ':') but the middle came back less indented than the block needs (a
     * model that strips leading spaces), shifted right by the difference. Nothing else is touched.
     */
    static String fitted(String prefix, String middle) {
        if (middle == null || middle.isEmpty()) {
            return "";
        }
        String fitted = middle.contains("\n") || prefix.isEmpty() || prefix.endsWith("\n") ? withNewline(middle)
                : middle;
        if (!prefix.endsWith("\n")) {
            return fitted;
        }
        List<String> prefixLines = prefix.lines().filter(l -> !l.isBlank()).toList();
        if (prefixLines.isEmpty() || !prefixLines.get(prefixLines.size() - 1).stripTrailing().endsWith(":")) {
            return fitted;
        }
        int needed = indentation(prefixLines.get(prefixLines.size() - 1)) + 4;
        int least = fitted.lines().filter(l -> !l.isBlank()).mapToInt(CompletedFile::indentation).min().orElse(needed);
        if (least >= needed) {
            return fitted;
        }
        String pad = " ".repeat(needed - least);
        StringBuilder shifted = new StringBuilder();
        fitted.lines().forEach(l -> shifted.append(l.isBlank() ? l : pad + l).append('\n'));
        return shifted.toString();
    }

    /**
     * The text without trailing whitespace and without the blank lines before its first line, the first line's
     * indentation kept: a middle as a fence or an answer gives it back, where indentation is content.
     */
    public static String withoutBlankLinesAround(String text) {
        String trimmed = text.stripTrailing();
        int start = 0;
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c == '\n') {
                start = i + 1;
            } else if (!Character.isWhitespace(c)) {
                break;
            }
        }
        return trimmed.substring(start);
    }

    private static String withNewline(String text) {
        return text.endsWith("\n") ? text : text + "\n";
    }

    private static int indentation(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    static String withoutCodebaseImports(String code, Set<String> packages) {
        List<String> alternatives = new ArrayList<>();
        alternatives.add("from[ \\t]+\\.[\\w.]*[ \\t]+import[ \\t]+.*");
        for (String p : packages) {
            alternatives.add("from[ \\t]+" + Pattern.quote(p) + "(?:\\.[\\w.]*)?[ \\t]+import[ \\t]+.*");
            alternatives.add("import[ \\t]+" + Pattern.quote(p) + "(?:\\.[\\w.]*)?(?:[ \\t]+as[ \\t]+\\w+)?[ \\t]*(?:#.*)?");
        }
        Pattern line = Pattern.compile("(?m)^([ \\t]*)(?:" + String.join("|", alternatives) + ")$");
        Matcher m = line.matcher(code);
        return m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + "pass"));
    }

    private static String topPackage(String path) {
        if (path == null) {
            return "";
        }
        int slash = path.indexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }
}
