package io.evalwatch.scoring.kind;

import io.evalwatch.events.ExecutionCompleted;
import io.evalwatch.events.GenerationCompleted;
import io.evalwatch.events.ItemMetrics;
import io.evalwatch.events.TaskSpec;
import io.evalwatch.events.work.CompletedFile;
import io.evalwatch.events.work.SourceFile;
import io.evalwatch.scoring.similarity.Similarity;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Completion: the sandbox ran the tests against the completed file, so the verdict, weighted accuracy and failure
 * are generation's; beside them the middle (GenerationCompleted.code) is compared with the reference middle
 * (TaskSpec.reference) as CrossCodeEval does: exact match, edit similarity, identifier precision/recall/F1, and the
 * identifiers the middle invents instead of using the context's.
 */
public class CompletionScorer implements KindScorer {

    private final GenerationScorer tests = new GenerationScorer();

    @Override
    public KindVerdict score(GenerationCompleted g, ExecutionCompleted execution) {
        KindVerdict verdict = tests.score(g, execution);
        if (execution == null || g.task() == null) {
            return verdict;
        }
        Map<String, Double> metrics = new LinkedHashMap<>(verdict.metrics());
        metrics.putAll(metrics(g.code(), g.task()));
        return new KindVerdict(verdict.passed(), verdict.tests(), verdict.weighted(), verdict.failure(),
                verdict.secondary(), metrics);
    }

    /**
     * The completion measures of a middle (null: the answer held none, measured as empty). Identifier precision and
     * recall compare SETS of identifiers (keywords and builtins excluded, attribute names included), as CrossCodeEval;
     * when the middle has none precision is 0 (1 when the reference has none either), when the reference has none
     * recall is 1. Empty without a reference middle, except the invented identifiers, which need none.
     */
    public static Map<String, Double> metrics(String middle, TaskSpec task) {
        String answer = middle == null ? "" : middle;
        String reference = task.reference();
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (reference != null) {
            metrics.put(ItemMetrics.COMPLETION_EXACT_MATCH,
                    Similarity.normalised(answer).equals(Similarity.normalised(reference)) ? 1.0 : 0.0);
            // blank lines around a middle (a fence takes its last newline) are no edit; indentation is
            metrics.put(ItemMetrics.COMPLETION_EDIT_SIMILARITY,
                    Similarity.editSimilarity(CompletedFile.withoutBlankLinesAround(answer),
                            CompletedFile.withoutBlankLinesAround(reference)));
            Set<String> mine = PythonIdentifiers.identifiers(answer);
            Set<String> theirs = PythonIdentifiers.identifiers(reference);
            Set<String> common = new HashSet<>(mine);
            common.retainAll(theirs);
            double precision = mine.isEmpty() ? (theirs.isEmpty() ? 1.0 : 0.0) : (double) common.size() / mine.size();
            double recall = theirs.isEmpty() ? 1.0 : (double) common.size() / theirs.size();
            metrics.put(ItemMetrics.COMPLETION_IDENTIFIER_PRECISION, precision);
            metrics.put(ItemMetrics.COMPLETION_IDENTIFIER_RECALL, recall);
            metrics.put(ItemMetrics.COMPLETION_IDENTIFIER_F1, F1.of(precision, recall));
        }
        metrics.put(ItemMetrics.COMPLETION_INVENTED_IDENTIFIERS, (double) invented(answer, task).size());
        return metrics;
    }

    /**
     * The names the middle uses (attribute names and keyword arguments aside: those belong to another object or
     * callee) that are mentioned nowhere it could have taken them from: the reference middle, the hole's prefix and
     * suffix, the context files, keywords and builtins, or a binding in the middle itself (assignment, parameter,
     * loop target, import, def, class, as). A name mentioned in the context counts as available: a lexical
     * approximation that needs no parser and never calls a context name invented.
     */
    static Set<String> invented(String middle, TaskSpec task) {
        Set<String> available = new HashSet<>(PythonIdentifiers.bound(middle));
        if (task.reference() != null) {
            available.addAll(PythonIdentifiers.mentioned(task.reference()));
        }
        if (task.hole() != null) {
            available.addAll(PythonIdentifiers.mentioned(task.hole().prefix()));
            available.addAll(PythonIdentifiers.mentioned(task.hole().suffix()));
        }
        for (SourceFile file : task.files()) {
            available.addAll(PythonIdentifiers.mentioned(file.content()));
        }
        Set<String> invented = new TreeSet<>(PythonIdentifiers.used(middle));
        invented.removeAll(available);
        return invented;
    }
}
