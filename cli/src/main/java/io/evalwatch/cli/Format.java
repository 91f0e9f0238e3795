package io.evalwatch.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.evalwatch.cli.output.Document;
import io.evalwatch.cli.output.DocumentRenderer;
import java.io.PrintStream;
import picocli.CommandLine.Option;

/**
 * How a command prints its result: a table for people, JSON for scripts, Markdown or HTML for a page or a pull
 * request. With anything but a table, stdout carries that output alone ({@code ./evalwatch report --format json |
 * jq .} works) and every progress line goes to stderr.
 */
public enum Format {
    table, json, markdown, html;

    /** The --format option, mixed into every command with machine-readable output. */
    public static class Choice {
        @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
                description = "table, json, markdown or html (where the command has them); anything but table prints"
                        + " only that output on stdout, progress on stderr (default: ${DEFAULT-VALUE})")
        Format format;

        /** The old spelling of --format json, kept so existing scripts work. */
        @Option(names = "--json", hidden = true)
        boolean json;

        public Format get() {
            return json ? Format.json : format;
        }

        /** The format, for a command that prints only a table or JSON: markdown and html are usage errors there. */
        public Format tableOrJson() {
            Format f = get();
            if (f == markdown || f == html) {
                throw new ExitCodes.Failure(ExitCodes.USAGE, "--format " + f + " is not available for this command:"
                        + " use table or json");
            }
            return f;
        }
    }

    /** Where progress lines go: stderr whenever stdout carries machine output or a document. */
    public PrintStream progress() {
        return this == table ? System.out : System.err;
    }

    /** A report as a document (markdown or html) rather than a table or JSON. */
    public boolean document() {
        return this == markdown || this == html;
    }

    /** Prints the JSON alone, pretty, on stdout. */
    public static void printJson(JsonNode node) {
        try {
            System.out.println(EvalwatchCommand.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not print JSON: " + e.getMessage(), e);
        }
    }

    /** Prints a command's result in this format: the server's JSON as it came, or the document laid out. */
    public void print(JsonNode json, Document document) {
        switch (this) {
            case json -> printJson(json);
            case markdown -> System.out.print(DocumentRenderer.markdown(document));
            case html -> System.out.print(DocumentRenderer.html(document));
            case table -> System.out.print(DocumentRenderer.table(document, Terminal.colourOnStdout()));
        }
    }
}
