package io.evalwatch.cli.output;

import java.util.ArrayList;
import java.util.List;

/**
 * What a command shows people, before it is laid out: a title, lines of context, and sections of rows. One document
 * is rendered as a terminal table, Markdown or HTML ({@link DocumentRenderer}), so the three never disagree.
 */
public record Document(String title, List<String> lines, List<Section> sections) {

    /** A titled table with notes below it; an empty table shows its empty text instead. */
    public record Section(String heading, List<String> columns, List<List<String>> rows, List<String> notes,
            String empty) {

        public boolean hasRows() {
            return !rows.isEmpty();
        }
    }

    public static Builder titled(String title) {
        return new Builder(title);
    }

    /** Collects lines and sections in order. */
    public static final class Builder {
        private final String title;
        private final List<String> lines = new ArrayList<>();
        private final List<Section> sections = new ArrayList<>();
        private SectionBuilder open;

        private Builder(String title) {
            this.title = title;
        }

        public Builder line(String line) {
            lines.add(line);
            return this;
        }

        /** Starts a section with these column headings; rows and notes go to it until the next section. */
        public SectionBuilder section(String heading, String... columns) {
            close();
            open = new SectionBuilder(this, heading, List.of(columns));
            return open;
        }

        public Document build() {
            close();
            return new Document(title, List.copyOf(lines), List.copyOf(sections));
        }

        private void close() {
            if (open != null) {
                sections.add(new Section(open.heading, open.columns, List.copyOf(open.rows), List.copyOf(open.notes),
                        open.empty));
                open = null;
            }
        }
    }

    /** The rows and notes of one section. */
    public static final class SectionBuilder {
        private final Builder document;
        private final String heading;
        private final List<String> columns;
        private final List<List<String>> rows = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private String empty = "none";

        private SectionBuilder(Builder document, String heading, List<String> columns) {
            this.document = document;
            this.heading = heading;
            this.columns = columns;
        }

        public SectionBuilder row(String... cells) {
            if (cells.length != columns.size()) {
                throw new IllegalArgumentException("a row of " + cells.length + " cells under " + columns.size()
                        + " columns (" + heading + ")");
            }
            rows.add(List.of(cells));
            return this;
        }

        public SectionBuilder note(String note) {
            notes.add(note);
            return this;
        }

        /** What to show when the section has no rows. */
        public SectionBuilder empty(String text) {
            this.empty = text;
            return this;
        }

        public SectionBuilder section(String heading, String... columns) {
            return document.section(heading, columns);
        }

        public Builder line(String line) {
            return document.line(line);
        }

        public Document build() {
            return document.build();
        }
    }
}
