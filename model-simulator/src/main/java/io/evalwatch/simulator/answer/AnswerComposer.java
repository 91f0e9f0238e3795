package io.evalwatch.simulator.answer;

import io.evalwatch.simulator.profile.ModelVersion;
import io.evalwatch.simulator.profile.OutputStyle;
import io.evalwatch.simulator.task.SimTask;
import io.evalwatch.simulator.truth.AnswerKind;
import io.evalwatch.simulator.truth.Truth;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds the reply for a decided answer kind: the task's reference, its hand-written simulation block, or a generic
 * mistake made to the reference. Every mistake is checked with a {@link MutationCheck} (once per task, then cached),
 * so that every kind but REFERENCE fails the task's tests; a mistake that cannot be made falls back to another kind.
 */
public final class AnswerComposer {

    /** A sentence without code: what a REFUSAL answer says. */
    public static final String REFUSAL_TEXT = "I'm sorry, but I can't help with writing this function.";
    /** The reply to a prompt that matches no known task. */
    public static final String UNKNOWN_TASK_TEXT = "I can write that function, but I need its specification: "
            + "the function's name, its parameters and the behaviour it should have.";

    /** The mistakes made from candidates and checked against the tests (ignores_context: its block only). */
    private static final List<AnswerKind> CHECKED_KINDS = List.of(AnswerKind.OFF_BY_ONE,
            AnswerKind.MISSING_EDGE_CASE, AnswerKind.HALLUCINATED_API, AnswerKind.SYNTAX_ERROR,
            AnswerKind.IGNORES_CONTEXT);
    private static final int NEIGHBOURS_TRIED = 5;

    private final MutationCheck check;
    private final Map<SimTask, Mistakes> mistakes = new ConcurrentHashMap<>();
    private final Map<NeighbourKey, Optional<String>> neighbours = new ConcurrentHashMap<>();

    private record NeighbourKey(SimTask task, int start, int others) {
    }

    /** The checked mistakes of one task, computed once, by whichever thread asks first. */
    private final class Mistakes {
        private final SimTask task;
        private Map<AnswerKind, Optional<String>> byKind;

        Mistakes(SimTask task) {
            this.task = task;
        }

        synchronized Optional<String> of(AnswerKind kind) {
            if (byKind == null) {
                List<List<String>> groups = CHECKED_KINDS.stream().map(k -> candidates(k, task)).toList();
                int[] first = check.firstFailing(task, groups);
                Map<AnswerKind, Optional<String>> found = new EnumMap<>(AnswerKind.class);
                for (int i = 0; i < groups.size(); i++) {
                    found.put(CHECKED_KINDS.get(i), first[i] < 0 ? Optional.empty()
                            : Optional.of(groups.get(i).get(first[i])));
                }
                byKind = found;
            }
            return byKind.get(kind);
        }
    }

    public AnswerComposer(MutationCheck check) {
        this.check = check;
    }

    /** The reply of a model version to an item, from the truth's decision for it. */
    public SimulatedAnswer answer(ModelVersion version, SimTask task, List<SimTask> catalog, long requestSeed) {
        AnswerKind decided = version.decide(task.id(), requestSeed);
        KindAnswers.KindAnswer other = switch (task.kind()) {
            case REVIEW -> KindAnswers.review(version, task.spec(), requestSeed, decided);
            case SEARCH -> KindAnswers.search(version, task.spec(), requestSeed, decided);
            case GENERATION, COMPLETION -> null;
        };
        if (other != null) {
            AnswerKind delivered = decided == AnswerKind.REFUSAL || decided == AnswerKind.SYNTAX_ERROR ? decided
                    : AnswerKind.REFERENCE;
            return new SimulatedAnswer(decided, delivered, null, other.content(), other.truth());
        }
        return compose(decided, task, catalog, version.seed(), requestSeed, version.outputStyle());
    }

    public SimulatedAnswer compose(AnswerKind decided, SimTask task, List<SimTask> catalog, long versionSeed,
                                   long requestSeed, OutputStyle style) {
        AnswerKind kind = decided;
        while (true) {
            if (kind == AnswerKind.REFUSAL) {
                return new SimulatedAnswer(decided, kind, null, REFUSAL_TEXT);
            }
            Optional<String> code = code(kind, task, catalog, versionSeed, requestSeed);
            if (code.isPresent()) {
                return new SimulatedAnswer(decided, kind, code.get(), ReplyStyle.render(style, task.language(),
                        task.entryPoint(), code.get(), task.answersAMiddle()));
            }
            kind = fallback(kind);
        }
    }

    /** Checks a task's mistakes ahead of the first request for it (they are otherwise checked on first use). */
    public void prepare(SimTask task) {
        if (!task.kind().executable()) {
            return; // review and search answers are made from the spec, with nothing to check against tests
        }
        mistakes.computeIfAbsent(task, Mistakes::new).of(AnswerKind.OFF_BY_ONE);
    }

    /** The kind delivered instead when a mistake does not apply; every step keeps the answer failing. */
    static AnswerKind fallback(AnswerKind kind) {
        return switch (kind) {
            case OFF_BY_ONE, MISSING_EDGE_CASE, WRONG_PROBLEM, IGNORES_CONTEXT -> AnswerKind.HALLUCINATED_API;
            case HALLUCINATED_API -> AnswerKind.SYNTAX_ERROR;
            default -> AnswerKind.REFUSAL;
        };
    }

    /** The code for a kind, or nothing when it cannot be made for this task (REFUSAL has no code). */
    public Optional<String> code(AnswerKind kind, SimTask task, List<SimTask> catalog, long versionSeed,
                                 long requestSeed) {
        return switch (kind) {
            case REFERENCE -> Optional.of(task.reference());
            case REFUSAL -> Optional.empty();
            case WRONG_PROBLEM -> wrongProblem(task, catalog, versionSeed, requestSeed);
            case OFF_BY_ONE, MISSING_EDGE_CASE, HALLUCINATED_API, SYNTAX_ERROR, IGNORES_CONTEXT ->
                    mistakes.computeIfAbsent(task, Mistakes::new).of(kind);
        };
    }

    /** The hand-written simulation block first (it is checked too), then the generic mistakes. */
    private static List<String> candidates(AnswerKind kind, SimTask task) {
        List<String> candidates = new ArrayList<>();
        if (task.simulation().containsKey(kind)) {
            candidates.add(task.simulation().get(kind));
        }
        if (task.answersAMiddle()) {
            // a middle is no module: the generic mutations do not apply; a broken line is the syntax error
            if (kind == AnswerKind.SYNTAX_ERROR) {
                candidates.add(task.reference().stripTrailing() + " )(\n");
            }
        } else if ("python".equalsIgnoreCase(task.language())) {
            String reference = task.reference();
            String entryPoint = task.entryPoint();
            candidates.addAll(switch (kind) {
                case OFF_BY_ONE -> PythonMutations.offByOne(reference, entryPoint);
                case MISSING_EDGE_CASE -> PythonMutations.missingEdgeCase(reference, entryPoint);
                case HALLUCINATED_API -> PythonMutations.hallucinatedApi(reference, entryPoint).stream().toList();
                case SYNTAX_ERROR -> PythonMutations.syntaxError(reference, entryPoint).stream().toList();
                default -> List.<String>of();
            });
        }
        candidates.removeIf(candidate -> candidate.strip().equals(task.reference().strip()));
        return candidates;
    }

    private static boolean sameArity(SimTask other, java.util.OptionalInt arity) {
        return arity.isPresent() && arity.equals(PythonMutations.parameterCount(other.reference(), other.entryPoint()));
    }

    private Optional<String> wrongProblem(SimTask task, List<SimTask> catalog, long versionSeed, long requestSeed) {
        if (!task.kind().executable() || task.answersAMiddle()) {
            return Optional.empty(); // another task's module is no answer to a hole, a review or a search
        }
        List<SimTask> sameLanguage = catalog.stream()
                .filter(other -> other.kind().executable() && !other.answersAMiddle())
                .filter(other -> !other.id().equals(task.id()))
                .filter(other -> other.language().equalsIgnoreCase(task.language()))
                .filter(other -> !other.reference().strip().equals(task.reference().strip()))
                .toList();
        // a neighbouring problem is one of the same suite where there is one: another suite's task may need
        // libraries this task's environment does not have, which is a different mistake
        List<SimTask> sameSuite = task.suite() == null ? List.of()
                : sameLanguage.stream().filter(other -> task.suite().equals(other.suite())).toList();
        List<SimTask> others = sameSuite.isEmpty() ? sameLanguage : sameSuite;
        if (others.isEmpty()) {
            return Optional.empty();
        }
        int start = Truth.pick(versionSeed, task.id(), requestSeed, others.size());
        // neighbours that take a different number of arguments first: a model that solves another problem mostly
        // writes that problem's signature too, and the call with this task's arguments then shows it
        java.util.OptionalInt arity = PythonMutations.parameterCount(task.reference(), task.entryPoint());
        List<SimTask> rotated = new ArrayList<>();
        for (int i = 0; i < others.size(); i++) {
            rotated.add(others.get((start + i) % others.size()));
        }
        List<SimTask> ordered = new ArrayList<>(rotated.stream().filter(o -> !sameArity(o, arity)).toList());
        ordered.addAll(rotated.stream().filter(o -> sameArity(o, arity)).toList());
        // a neighbour's solution that happens to pass this task's tests would break the truth: try the next ones
        List<String> candidates = new ArrayList<>();
        for (int i = 0; i < Math.min(ordered.size(), NEIGHBOURS_TRIED); i++) {
            SimTask other = ordered.get(i);
            candidates.add(PythonMutations.renamed(other.reference(), other.entryPoint(), task.entryPoint()));
        }
        return neighbours.computeIfAbsent(new NeighbourKey(task, start, others.size()), key -> {
            int first = check.firstFailing(task, List.of(candidates))[0];
            return first < 0 ? Optional.empty() : Optional.of(candidates.get(first));
        });
    }
}
