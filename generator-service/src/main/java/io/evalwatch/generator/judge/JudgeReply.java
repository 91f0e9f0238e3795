package io.evalwatch.generator.judge;

import io.evalwatch.events.JudgeCompleted;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A judge's reply read by the rubric's format: a {@code Score: N} line (N a whole number 1..5) and a
 * {@code Rationale: ...} that runs to the end. Models decorate (bold, "4/5", a line of preamble), so the score line
 * may be anywhere and marked up; anything else, or two different scores, is no score, with the reason.
 *
 * @param score 1..5, null when the reply gives none that can be trusted
 * @param rationale the judge's words after {@code Rationale:}, null when absent
 * @param unscoredReason why there is no score; null when there is one
 */
public record JudgeReply(Integer score, String rationale, String unscoredReason) {

    private static final Pattern SCORE = Pattern.compile(
            "(?im)^[\\s*_#>-]*score[\\s*_]*:[\\s*_]*(-?\\d+(?:\\.\\d+)?)[\\s*_]*(?:/\\s*5)?[\\s*_.]*$");
    private static final Pattern RATIONALE = Pattern.compile("(?is)^[\\s*_#>-]*rationale[\\s*_]*:[\\s*_]*(.*)$",
            Pattern.MULTILINE);
    private static final int MAX_RATIONALE = 2000;

    public static JudgeReply parse(String text) {
        if (text == null || text.isBlank()) {
            return new JudgeReply(null, null, "the judge's reply was empty");
        }
        String rationale = rationale(text);
        Matcher m = SCORE.matcher(text);
        if (!m.find()) {
            return new JudgeReply(null, rationale, "no 'Score: N' line in the judge's reply: " + brief(text));
        }
        String first = m.group(1);
        while (m.find()) {
            if (!m.group(1).equals(first)) {
                return new JudgeReply(null, rationale, "the judge's reply gives two scores, " + first + " and "
                        + m.group(1));
            }
        }
        if (!first.matches("-?\\d+")) {
            return new JudgeReply(null, rationale, "score " + first + " is not a whole number from "
                    + JudgeCompleted.MIN_SCORE + " to " + JudgeCompleted.MAX_SCORE);
        }
        long score = Long.parseLong(first.length() > 6 ? "999999" : first);
        if (score < JudgeCompleted.MIN_SCORE || score > JudgeCompleted.MAX_SCORE) {
            return new JudgeReply(null, rationale, "score " + first + " is outside " + JudgeCompleted.MIN_SCORE
                    + ".." + JudgeCompleted.MAX_SCORE);
        }
        return new JudgeReply((int) score, rationale, null);
    }

    private static String rationale(String text) {
        Matcher m = RATIONALE.matcher(text);
        if (!m.find()) {
            return null;
        }
        // a score line written after the rationale is not part of it
        String r = SCORE.matcher(m.group(1)).replaceAll("").strip().replaceAll("[*_]+$", "").strip();
        if (r.isEmpty()) {
            return null;
        }
        return r.length() > MAX_RATIONALE ? r.substring(0, MAX_RATIONALE) + "..." : r;
    }

    private static String brief(String text) {
        String t = text.strip().replaceAll("\\s+", " ");
        return t.length() > 120 ? t.substring(0, 120) + "..." : t;
    }
}
