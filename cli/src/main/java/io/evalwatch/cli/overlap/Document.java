package io.evalwatch.cli.overlap;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One text an overlap check compares, already normalised ({@link OverlapText}): a part of a suite task (prompt,
 * reference, tests, or the whole task) or a field of a training sample. Texts shorter than {@link #MIN_CHARS}
 * normalised characters are left out: they say too little to call a leak.
 */
public record Document(String part, String text) {

    public static final int MIN_CHARS = 20;

    /** The named texts normalised, the short and the repeated left out; with more than one, also all of them joined. */
    static List<Document> of(List<Document> raw, String wholeName) {
        List<Document> documents = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        List<String> parts = new ArrayList<>();
        for (Document d : raw) {
            String text = OverlapText.normalise(d.text());
            if (!text.isEmpty()) {
                parts.add(text);
            }
            if (text.length() >= MIN_CHARS && seen.add(text)) {
                documents.add(new Document(d.part(), text));
            }
        }
        String whole = String.join(" ", parts);
        if (parts.size() > 1 && whole.length() >= MIN_CHARS && seen.add(whole)) {
            documents.add(new Document(wholeName, whole));
        }
        return documents;
    }
}
