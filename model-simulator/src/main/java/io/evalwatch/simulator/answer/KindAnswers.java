package io.evalwatch.simulator.answer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.evalwatch.events.TaskSpec;
import io.evalwatch.events.work.GoldLocation;
import io.evalwatch.events.work.KnownFinding;
import io.evalwatch.events.work.SourceFile;
import io.evalwatch.simulator.profile.KindSkills;
import io.evalwatch.simulator.profile.ModelVersion;
import io.evalwatch.simulator.profile.OutputStyle;
import io.evalwatch.simulator.truth.AnswerKind;
import io.evalwatch.simulator.truth.Truth;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulator's answers to review and search tasks, with the truth they carry. Review: each known finding is
 * reported with its tier's probability, and up to two invented findings are added away from every known one (so
 * they can only be false positives). Search: the first gold location at the rank the truth draws (the other gold
 * locations right after it), or a near miss first, or not at all; the other places go to distractors, files of the
 * corpus that hold no gold location. A decided REFUSAL answers without JSON and SYNTAX_ERROR with JSON cut short (a
 * format failure); every other decided kind gives the skills-driven answer.
 */
public final class KindAnswers {

    /** Lines an invented finding keeps from every known one: beyond the scorer's tolerance of 3. */
    static final int INVENTED_DISTANCE = 6;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SYMBOL = Pattern.compile(
            "(?m)^\\s*(?:async\\s+)?(?:def|class|function)\\s+([A-Za-z_$][\\w$]*)");
    public static final String REFUSAL_TEXT = "I'm sorry, but I can't help with reviewing or searching this code.";

    private KindAnswers() {
    }

    /** What a review or search answer holds, as the truth decided it: what the e2e tests compute metrics from. */
    public record KindTruth(List<Integer> reportedFindings, int inventedFindings, int goldRank, boolean nearMissFirst,
            boolean malformed, boolean refused) {
    }

    /** An answer text with its truth. */
    public record KindAnswer(String content, KindTruth truth) {
    }

    public static KindAnswer review(ModelVersion version, TaskSpec task, long requestSeed, AnswerKind decided) {
        if (decided == AnswerKind.REFUSAL) {
            return new KindAnswer(REFUSAL_TEXT, new KindTruth(List.of(), 0, 0, false, false, true));
        }
        KindSkills skills = version.skills();
        ArrayNode findings = JSON.createArrayNode();
        List<Integer> reported = new ArrayList<>();
        for (int i = 0; i < task.findings().size(); i++) {
            KnownFinding known = task.findings().get(i);
            if (Truth.findingReported(version.seed(), task.id(), requestSeed, i, skills.found(known.tier()))) {
                reported.add(i);
                findings.add(finding(known.file(), known.startLine(), known.severity(), known.category(),
                        "This is a " + known.category().replace('_', ' ') + " problem."));
            }
        }
        int invented = 0;
        for (int slot = 0; slot < 2; slot++) {
            if (!Truth.findingInvented(version.seed(), task.id(), requestSeed, slot, skills.reviewInvented())) {
                continue;
            }
            Optional<int[]> place = inventedPlace(task, slot);
            if (place.isPresent()) {
                SourceFile file = task.files().get(place.get()[0]);
                findings.add(finding(file.path(), place.get()[1], "low", "error_handling",
                        "An error here may go unnoticed."));
                invented++;
            }
        }
        if (decided == AnswerKind.SYNTAX_ERROR) {
            return new KindAnswer(cutShort(findings), new KindTruth(reported, invented, 0, false, true, false));
        }
        return new KindAnswer(render(version.outputStyle(), findings, "Review findings"),
                new KindTruth(reported, invented, 0, false, false, false));
    }

    public static KindAnswer search(ModelVersion version, TaskSpec task, long requestSeed, AnswerKind decided) {
        if (decided == AnswerKind.REFUSAL) {
            return new KindAnswer(REFUSAL_TEXT, new KindTruth(List.of(), 0, 0, false, false, true));
        }
        KindSkills skills = version.skills();
        int drawn = Truth.goldRank(version.seed(), task.id(), requestSeed, skills.searchNearMiss(),
                skills.searchRanks());
        List<GoldLocation> gold = task.gold();
        Optional<GoldLocation> near = drawn == Truth.NEAR_MISS_FIRST && !gold.isEmpty()
                ? nearMiss(task, gold.get(0)) : Optional.empty();
        // a near miss the corpus cannot make (no other symbol in the gold's file) becomes a distractor first
        int goldRank = drawn == Truth.NEAR_MISS_FIRST ? 2 : drawn;
        List<GoldLocation> distractors = distractors(task, version.seed(), requestSeed);
        List<GoldLocation> answer = new ArrayList<>();
        int nextDistractor = 0;
        if (near.isPresent()) {
            answer.add(near.get());
        }
        while (goldRank > 0 && answer.size() < goldRank - 1 && nextDistractor < distractors.size()) {
            answer.add(distractors.get(nextDistractor++));
        }
        if (goldRank > 0) {
            goldRank = answer.size() + 1;
            answer.addAll(gold);
        }
        while (answer.size() < KindSkills.SEARCH_DEPTH && nextDistractor < distractors.size()) {
            answer.add(distractors.get(nextDistractor++));
        }
        List<GoldLocation> ranked = answer.subList(0, Math.min(answer.size(), KindSkills.SEARCH_DEPTH));
        ArrayNode locations = JSON.createArrayNode();
        for (GoldLocation location : ranked) {
            ObjectNode node = locations.addObject().put("file", location.file());
            if (location.symbol() == null) {
                node.putNull("symbol");
            } else {
                node.put("symbol", location.symbol());
            }
        }
        KindTruth truth = new KindTruth(List.of(), 0, goldRank > KindSkills.SEARCH_DEPTH ? 0 : goldRank,
                near.isPresent(), decided == AnswerKind.SYNTAX_ERROR, false);
        if (decided == AnswerKind.SYNTAX_ERROR) {
            return new KindAnswer(cutShort(locations), truth);
        }
        return new KindAnswer(render(version.outputStyle(), locations, "The most likely places"), truth);
    }

    private static ObjectNode finding(String file, int line, String severity, String category, String explanation) {
        ObjectNode node = JSON.createObjectNode();
        node.put("file", file).put("line", line).put("severity", severity == null ? "medium" : severity)
                .put("category", category).put("explanation", explanation);
        return node;
    }

    /**
     * Where an invented finding goes: a line at least {@link #INVENTED_DISTANCE} from every known finding of its
     * file, searched from the end of the slot's file (then the other files); empty when no file has one.
     */
    static Optional<int[]> inventedPlace(TaskSpec task, int slot) {
        int files = task.files().size();
        for (int k = 0; k < files; k++) {
            int index = (slot + k) % files;
            SourceFile file = task.files().get(index);
            for (int line = file.lineCount() - slot; line >= 1; line--) {
                int l = line;
                boolean clear = task.findings().stream().filter(f -> f.file().equals(file.path()))
                        .allMatch(f -> l < f.startLine() - INVENTED_DISTANCE || l > f.endLine() + INVENTED_DISTANCE);
                if (clear) {
                    return Optional.of(new int[] {index, line});
                }
            }
        }
        return Optional.empty();
    }

    /** Another symbol of the gold location's file, none of the gold ones: the right file, the wrong place. */
    static Optional<GoldLocation> nearMiss(TaskSpec task, GoldLocation gold) {
        if (gold.symbol() == null) {
            return Optional.empty();
        }
        Set<String> goldSymbols = new LinkedHashSet<>();
        task.gold().forEach(g -> goldSymbols.add(g.symbol()));
        return task.files().stream().filter(f -> f.path().equals(gold.file())).findFirst()
                .flatMap(file -> symbols(file).stream().filter(s -> !goldSymbols.contains(s)).findFirst())
                .map(symbol -> new GoldLocation(gold.file(), symbol));
    }

    /** Files without a gold location, in an order drawn from the request, each with its first symbol. */
    static List<GoldLocation> distractors(TaskSpec task, long versionSeed, long requestSeed) {
        Set<String> goldFiles = new LinkedHashSet<>();
        task.gold().forEach(g -> goldFiles.add(g.file()));
        List<SourceFile> others = task.files().stream().filter(f -> !goldFiles.contains(f.path()))
                .filter(f -> !symbols(f).isEmpty()).toList();
        if (others.isEmpty()) {
            return List.of();
        }
        int start = Truth.pick(versionSeed, task.id(), requestSeed, others.size());
        List<GoldLocation> ordered = new ArrayList<>();
        for (int i = 0; i < others.size(); i++) {
            SourceFile file = others.get((start + i) % others.size());
            ordered.add(new GoldLocation(file.path(), symbols(file).get(0)));
        }
        return ordered;
    }

    static List<String> symbols(SourceFile file) {
        List<String> names = new ArrayList<>();
        Matcher m = SYMBOL.matcher(file.content());
        while (m.find()) {
            if (!names.contains(m.group(1))) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    private static String render(OutputStyle style, ArrayNode json, String lead) {
        String body = write(json);
        return switch (style) {
            case FENCED -> "```json\n" + body + "\n```";
            case RAW -> body;
            case FENCED_WITH_PROSE -> lead + ":\n\n```json\n" + body + "\n```\n\nEach entry gives the file and line"
                    + " or symbol.";
        };
    }

    /** The JSON with its end cut off: what a model that stopped mid-answer sends. */
    private static String cutShort(ArrayNode json) {
        String body = write(json);
        return body.length() <= 2 ? "[{\"file\": " : body.substring(0, Math.max(2, body.length() * 2 / 3));
    }

    private static String write(ArrayNode json) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serialises", e);
        }
    }
}
