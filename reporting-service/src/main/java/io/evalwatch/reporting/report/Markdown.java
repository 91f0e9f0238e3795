package io.evalwatch.reporting.report;

import io.quarkus.qute.TemplateExtension;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the Markdown templates write through, since Qute escapes only HTML: {md:text(x)} for inline text and table
 * cells, {md:fence(x)} for a model's output verbatim. Pure.
 */
@TemplateExtension(namespace = "md")
public final class Markdown {

    private static final Pattern BACKTICKS = Pattern.compile("`+");
    /** CommonMark lets a backslash escape any ASCII punctuation; these are the ones that can start markup. */
    private static final Pattern MARKUP = Pattern.compile("[\\\\`*_\\[\\]<>|#~&!$]");

    private Markdown() {
    }

    /**
     * Text on one line with every character that could start markup backslash-escaped, so a model name, a task id or
     * a summary shows as written and a table cell keeps its columns (a | splits none). Null is a dash.
     */
    public static String text(Object value) {
        if (value == null) {
            return "–";
        }
        String oneLine = value.toString().replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
        return MARKUP.matcher(oneLine).replaceAll(m -> Matcher.quoteReplacement("\\" + m.group()));
    }

    /**
     * Identifiers (fingerprints, hashes, model ids) as code spans, comma-separated, so they read exactly as recorded
     * and can be copied. Each span's delimiter is one backtick longer than the longest run inside it; an empty or null
     * value is a dash.
     */
    public static String code(Object value) {
        if (value == null) {
            return "–";
        }
        java.util.List<String> parts = new java.util.ArrayList<>();
        Iterable<?> values = value instanceof Iterable<?> many ? many : java.util.List.of(value);
        for (Object v : values) {
            String oneLine = String.valueOf(v).replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
            String delimiter = "`".repeat(longestBacktickRun(oneLine) + 1);
            // a span that starts or ends with a backtick needs a space inside its delimiters
            String pad = oneLine.startsWith("`") || oneLine.endsWith("`") ? " " : "";
            parts.add(delimiter + pad + oneLine + pad + delimiter);
        }
        return parts.isEmpty() ? "–" : String.join(", ", parts);
    }

    /** US dollars as the console writes them ({@code $0.0123}), escaped: a $ may start math in some renderers. */
    public static String usd(Object dollars) {
        return text(io.evalwatch.reporting.console.ConsoleFormats.usd(dollars));
    }

    /**
     * A fenced code block holding content verbatim. The fence is one backtick longer than the longest run of
     * backticks in the content (at least three), so an output that itself contains ``` cannot close it early.
     */
    public static String fence(Object content) {
        String text = content == null ? "" : content.toString().replace("\r\n", "\n");
        if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        String fence = "`".repeat(Math.max(3, longestBacktickRun(text) + 1));
        return fence + "\n" + text + "\n" + fence;
    }

    static int longestBacktickRun(String text) {
        int longest = 0;
        Matcher run = BACKTICKS.matcher(text);
        while (run.find()) {
            longest = Math.max(longest, run.group().length());
        }
        return longest;
    }
}
