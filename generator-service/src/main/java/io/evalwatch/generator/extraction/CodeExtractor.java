package io.evalwatch.generator.extraction;

import io.evalwatch.events.work.CompletedFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the code in a model's answer. With fenced blocks: the block that defines the entry point (the largest if
 * several do), else the largest block. Without fences: the raw text, minus a leading line that is only a language
 * tag; prose with no line that looks like code counts as no code. A fence left open (the answer was cut off) runs
 * to the end of the answer.
 */
public final class CodeExtractor {

    private static final Pattern OPENING = Pattern.compile("^ {0,3}(`{3,}|~{3,})\\s*([^`\\s]*)[^`]*$");
    private static final Set<String> LANGUAGE_TAGS = Set.of("python", "python3", "py", "javascript", "js", "node",
            "typescript", "ts", "java", "go", "golang", "rust", "rs", "c", "cpp", "c++", "csharp", "cs", "c#", "ruby",
            "rb", "kotlin", "kt", "swift", "php", "bash", "sh", "shell", "sql", "scala", "text", "plaintext", "code");
    private static final Pattern CODE_LINE = Pattern.compile("(?m)^\\s*(?:(?:async\\s+)?def\\s+\\w+\\s*\\(|class\\s+\\w+"
            + "|import\\s+[\\w.{*]|from\\s+[\\w.]+\\s+import\\s|(?:export\\s+)?(?:async\\s+)?function\\b"
            + "|(?:const|let|var)\\s+\\w+\\s*=|return\\b|(?:public|private|protected|static)\\s+\\w|func\\s+\\w"
            + "|fn\\s+\\w|package\\s+\\w|#include\\s*[<\"]|@\\w+|(?:if|for|while|elif|else|try|except|with)\\b[^\\n]*:\\s*$"
            + "|\\w+\\s*=\\s*\\S)");

    private CodeExtractor() {
    }

    public static ExtractedCode extract(String output, String entryPoint) {
        if (output == null || output.isBlank()) {
            return new ExtractedCode("", CodeFormat.NONE);
        }
        List<String> lines = output.lines().toList();
        List<Block> blocks = new ArrayList<>();
        boolean prose = false;
        int i = 0;
        while (i < lines.size()) {
            Matcher open = OPENING.matcher(lines.get(i));
            if (!open.matches()) {
                prose |= !lines.get(i).isBlank();
                i++;
                continue;
            }
            String fence = open.group(1);
            Pattern closing = Pattern.compile("^ {0,3}" + Pattern.quote(fence.substring(0, 1)) + "{" + fence.length()
                    + ",}\\s*$");
            int end = i + 1;
            while (end < lines.size() && !closing.matcher(lines.get(end)).matches()) {
                end++;
            }
            blocks.add(new Block(String.join("\n", lines.subList(i + 1, end))));
            i = end + 1;
        }
        if (blocks.isEmpty()) {
            String code = trimBlankLines(stripLanguageTag(output));
            boolean looksLikeCode = CODE_LINE.matcher(code).find() || defines(code, entryPoint);
            return looksLikeCode ? new ExtractedCode(code, CodeFormat.RAW) : new ExtractedCode("", CodeFormat.NONE);
        }
        Block chosen = largest(blocks.stream().filter(b -> defines(b.code(), entryPoint)).toList());
        if (chosen == null) {
            chosen = largest(blocks);
        }
        String code = trimBlankLines(stripLanguageTag(chosen.code()));
        return new ExtractedCode(code, prose ? CodeFormat.FENCED_WITH_PROSE : CodeFormat.FENCED);
    }

    /** Whether {@code code} defines {@code entryPoint}: as a function, a class, or a name bound to a function. */
    static boolean defines(String code, String entryPoint) {
        if (entryPoint == null || entryPoint.isBlank()) {
            return false;
        }
        String name = Pattern.quote(entryPoint.strip());
        Pattern definition = Pattern.compile("(?m)(?:^\\s*(?:async\\s+)?def\\s+" + name + "\\s*\\("
                + "|\\bfunction\\s*\\*?\\s*" + name + "\\s*\\("
                + "|\\b(?:const|let|var)\\s+" + name + "\\s*="
                + "|^\\s*" + name + "\\s*=(?!=)"
                + "|\\b(?:func|fn|fun)\\s+" + name + "\\s*[(<]"
                + "|\\bclass\\s+" + name + "\\b"
                + "|[\\w<>\\[\\],?]+\\s+" + name + "\\s*\\([^;{]*\\)\\s*(?:throws\\s+[\\w.,\\s]+)?\\{)");
        return definition.matcher(code).find();
    }

    /** Drops blank lines around the code but keeps the first line's indentation (a completion may be a body). */
    static String trimBlankLines(String code) {
        return CompletedFile.withoutBlankLinesAround(code);
    }

    static String stripLanguageTag(String code) {
        String text = code.stripLeading();
        int newline = text.indexOf('\n');
        String first = (newline < 0 ? text : text.substring(0, newline)).strip();
        if (LANGUAGE_TAGS.contains(first.toLowerCase(Locale.ROOT))) {
            return newline < 0 ? "" : text.substring(newline + 1);
        }
        return code;
    }

    private static Block largest(List<Block> blocks) {
        Block best = null;
        for (Block b : blocks) {
            if (best == null || b.code().strip().length() > best.code().strip().length()) {
                best = b;
            }
        }
        return best;
    }

    private record Block(String code) {
    }
}
