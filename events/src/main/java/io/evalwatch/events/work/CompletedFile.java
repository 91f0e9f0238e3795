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
        module.append(hole.prefix()).append(middle == null ? "" : middle).append(hole.suffix());
        return withoutCodebaseImports(module.toString(), packages);
    }

    static String withoutCodebaseImports(String code, Set<String> packages) {
        List<String> alternatives = new ArrayList<>();
        alternatives.add("from\\s+\\.[\\w.]*\\s+import\\s+.*");
        for (String p : packages) {
            alternatives.add("from\\s+" + Pattern.quote(p) + "(?:\\.[\\w.]*)?\\s+import\\s+.*");
            alternatives.add("import\\s+" + Pattern.quote(p) + "(?:\\.[\\w.]*)?(?:\\s+as\\s+\\w+)?\\s*(?:#.*)?");
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
