package io.evalwatch.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import picocli.CommandLine.Option;

/**
 * How a command prints its result: a table for people, or JSON for scripts. With JSON, stdout carries the JSON alone
 * ({@code ./evalwatch report --format json | jq .} works) and every progress line goes to stderr. markdown and html:
 * a report as a document (report, regression), rendered by reporting-service.
 */
public enum Format {
    table, json, markdown, html;

    /** The --format option, mixed into every command with machine-readable output. */
    public static class Choice {
        @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
                description = "table or json (report and regression also markdown or html); anything but table prints"
                        + " only its output on stdout, progress on stderr"
                        + " (default: ${DEFAULT-VALUE})")
        Format format;

        /** The old spelling of --format json, kept so existing scripts work. */
        @Option(names = "--json", hidden = true)
        boolean json;

        public Format get() {
            return json ? Format.json : format;
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
}
