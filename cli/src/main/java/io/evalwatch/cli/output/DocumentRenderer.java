package io.evalwatch.cli.output;

import io.evalwatch.cli.ReportTable;
import io.evalwatch.cli.Terminal;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Expression;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.NamespaceResolver;
import io.quarkus.qute.RawString;
import io.quarkus.qute.ReflectionValueResolver;
import io.quarkus.qute.ResultMapper;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateNode;
import io.quarkus.qute.Variant;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lays a {@link Document} out: Markdown and HTML from the Qute templates templates/document.md and document.html
 * (Qute standalone: values are escaped for the template's content type, never pasted into strings), or a plain
 * table for the terminal, its verdict words coloured only when stdout is a terminal.
 */
public final class DocumentRenderer {

    static final String MARKDOWN = "text/markdown";
    /** Cell values that carry a verdict: coloured in a terminal and classed in HTML. */
    private static final Set<String> BAD = Set.of("worse", "regressed", "critical");
    private static final Set<String> GOOD = Set.of("better", "improved");
    private static final Pattern VERDICT = Pattern.compile("(?<=^|\\s)(worse|regressed|critical|better|improved)"
            + "(?=\\s|$)");

    private static final Engine ENGINE = Engine.builder().addDefaults()
            .addValueResolver(new ReflectionValueResolver())
            .addResultMapper(new HtmlEscaper(List.of(Variant.TEXT_HTML)))
            .addResultMapper(new MarkdownEscaper())
            .addNamespaceResolver(NamespaceResolver.builder("out").resolveAsync(ctx -> ctx.getParams().isEmpty()
                    ? CompletableFuture.completedFuture(null)
                    : ctx.evaluate(ctx.getParams().get(0)).thenApply(DocumentRenderer::tone)).build())
            .build();
    private static final Template MARKDOWN_TEMPLATE = ENGINE.parse(read("templates/document.md"),
            Variant.forContentType(MARKDOWN), "document.md");
    private static final Template HTML_TEMPLATE = ENGINE.parse(read("templates/document.html"),
            Variant.forContentType(Variant.TEXT_HTML), "document.html");

    private DocumentRenderer() {
    }

    public static String markdown(Document document) {
        return MARKDOWN_TEMPLATE.data("doc", document).render();
    }

    public static String html(Document document) {
        return HTML_TEMPLATE.data("doc", document).render();
    }

    /** The terminal's layout: the title, lines, then each section as an aligned table. */
    public static String table(Document document, boolean colour) {
        StringBuilder out = new StringBuilder();
        out.append(document.title()).append('\n');
        document.lines().forEach(l -> out.append(l).append('\n'));
        for (Document.Section s : document.sections()) {
            out.append('\n');
            if (s.heading() != null && !s.heading().isEmpty()) {
                out.append(s.heading()).append('\n');
            }
            if (s.hasRows()) {
                List<String[]> rows = new ArrayList<>();
                rows.add(s.columns().toArray(String[]::new));
                s.rows().forEach(r -> rows.add(r.toArray(String[]::new)));
                out.append(colour ? colourVerdicts(ReportTable.table(rows)) : ReportTable.table(rows));
            } else {
                out.append("  ").append(s.empty()).append('\n');
            }
            s.notes().forEach(n -> out.append(n).append('\n'));
        }
        return out.toString();
    }

    /** "worse" in red, "better" in green, after the layout so the widths stay those of the plain text. */
    static String colourVerdicts(String text) {
        Matcher m = VERDICT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String word = m.group(1);
            m.appendReplacement(out, Matcher.quoteReplacement(Terminal.colour(word, BAD.contains(word) ? "red"
                    : "green")));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The CSS class of a verdict cell, empty for any other. */
    static String tone(Object cell) {
        String text = cell == null ? "" : cell.toString();
        return BAD.contains(text) ? "bad" : GOOD.contains(text) ? "good" : "";
    }

    private static String read(String resource) {
        try (InputStream in = DocumentRenderer.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Escapes values in Markdown templates: the characters Markdown would read as markup, the pipe that would end a
     * table cell, and line breaks that would end a row.
     */
    static final class MarkdownEscaper implements ResultMapper {
        @Override
        public boolean appliesTo(TemplateNode.Origin origin, Object result) {
            return !(result instanceof RawString) && origin.getVariant()
                    .map(v -> MARKDOWN.equals(v.getContentType())).orElse(false);
        }

        @Override
        public String map(Object result, Expression expression) {
            return escape(result.toString());
        }

        static String escape(String text) {
            StringBuilder out = new StringBuilder(text.length());
            for (char c : text.toCharArray()) {
                switch (c) {
                    case '\\', '`', '*', '_', '[', ']', '<', '>', '|', '#' -> out.append('\\').append(c);
                    case '\n', '\r' -> out.append(' ');
                    default -> out.append(c);
                }
            }
            return out.toString();
        }
    }
}
