package io.evalwatch.task.run;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import io.evalwatch.events.ItemIds;
import io.evalwatch.events.TaskDispatched;
import io.evalwatch.events.TaskKind;
import io.evalwatch.events.TaskSpec;
import io.evalwatch.events.probe.LongContext.Cell;
import io.evalwatch.events.probe.LongContext.Function;
import io.evalwatch.events.probe.LongContext;
import io.evalwatch.events.work.GoldLocation;
import io.evalwatch.events.work.SourceFile;
import io.evalwatch.task.suite.TaskContent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The long-context position probe's tasks: for a needle (a corpus function, see {@link LongContext}) and a cell
 * (size, position), a search task whose files are a haystack of other corpus functions of about the cell's size in
 * tokens, with the needle among them at the cell's position, and whose question is the needle's description. Pure
 * and deterministic: the same needle, size and position give the same task.
 *
 * <p>Tokens are counted with OpenAI's cl100k_base encoding (jtokkit), each function alone: a context's size is the
 * sum over its functions (the blank line joining two adds about one token each; the prompt's frame, file headings
 * and fences, another ~15 tokens per file). The haystack starts at the module after the needle's and follows the
 * corpus in order, wrapping round, without the needle's own module; functions are added while the context stays
 * within the size. The needle goes in at the function boundary nearest to the position: its first token lies at
 * that share of the context's tokens, off by at most half a function. Its file is the module around that boundary.
 */
public final class LongContextItems {

    private static final Encoding CL100K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
    private static final List<Function> CORPUS = LongContext.corpus();
    private static final int[] TOKENS = CORPUS.stream().mapToInt(f -> countTokens(f.code())).toArray();

    private LongContextItems() {
    }

    /** cl100k_base tokens of a text. */
    public static int countTokens(String text) {
        return CL100K.countTokensOrdinary(text);
    }

    /** A built task with where its needle ended up: tokens of the context, and of it before the needle. */
    public record NeedleTask(TaskSpec spec, Function needle, int contextTokens, int tokensBeforeNeedle) {

        /** The needle's actual position, as a share of the context (0..1). */
        public double position() {
            return (double) tokensBeforeNeedle / contextTokens;
        }
    }

    /** needles corpus functions spread evenly over the corpus (and so over its modules), in corpus order. */
    public static List<Function> needles(int needles) {
        if (needles < 1 || needles > CORPUS.size()) {
            throw new IllegalArgumentException("needles must be between 1 and " + CORPUS.size() + ", was " + needles);
        }
        List<Function> chosen = new ArrayList<>();
        for (int j = 0; j < needles; j++) {
            chosen.add(CORPUS.get((int) ((j + 0.5) * CORPUS.size() / needles)));
        }
        return List.copyOf(chosen);
    }

    /**
     * The largest size any needle's haystack can fill: the corpus without its largest module, less a function. A
     * larger size is refused when a run asks for it.
     */
    public static int maxSizeTokens() {
        int total = 0;
        int largestModule = 0;
        int largestFunction = 0;
        int module = 0;
        for (int i = 0; i < CORPUS.size(); i++) {
            if (i > 0 && !CORPUS.get(i).file().equals(CORPUS.get(i - 1).file())) {
                largestModule = Math.max(largestModule, module);
                module = 0;
            }
            module += TOKENS[i];
            total += TOKENS[i];
            largestFunction = Math.max(largestFunction, TOKENS[i]);
        }
        largestModule = Math.max(largestModule, module);
        return total - largestModule - largestFunction;
    }

    public static NeedleTask build(Function needle, Cell cell) {
        int at = CORPUS.indexOf(needle);
        if (at < 0) {
            throw new IllegalArgumentException("not a corpus function: " + needle.name());
        }
        int needleTokens = TOKENS[at];
        // the haystack: the modules after the needle's, in corpus order, wrapping round; never the needle's module
        int start = at;
        while (CORPUS.get(start).file().equals(needle.file())) {
            start = (start + 1) % CORPUS.size();
        }
        List<Integer> haystack = new ArrayList<>();
        int tokens = needleTokens;
        for (int i = start; !CORPUS.get(i).file().equals(needle.file()); i = (i + 1) % CORPUS.size()) {
            if (tokens + TOKENS[i] > cell.sizeTokens()) {
                break;
            }
            haystack.add(i);
            tokens += TOKENS[i];
        }
        // the boundary nearest the position: tokens before it against the share of the whole context
        double target = cell.positionPercent() / 100.0 * tokens;
        int boundary = 0;
        int before = 0;
        int best = 0;
        int bestBefore = 0;
        for (int k = 0; k <= haystack.size(); k++) {
            if (Math.abs(before - target) < Math.abs(bestBefore - target)) {
                best = k;
                bestBefore = before;
            }
            if (k < haystack.size()) {
                before += TOKENS[haystack.get(k)];
            }
        }
        boundary = best;
        List<Function> ordered = new ArrayList<>();
        haystack.forEach(i -> ordered.add(CORPUS.get(i)));
        // the needle joins the module of the function before it (the first module when it comes first)
        String needleFile = ordered.isEmpty() ? needle.file() : ordered.get(Math.max(0, boundary - 1)).file();
        ordered.add(boundary, needle);
        List<SourceFile> files = files(ordered, needle, needleFile);
        TaskSpec spec = new TaskSpec(LongContext.taskIdOf(needle), LongContext.CATEGORY, TaskKind.SEARCH, "python",
                LongContext.question(needle.description()), null, List.of(), 0,
                List.of(LongContext.CATEGORY, "size-" + LongContext.sizeLabel(cell.sizeTokens()),
                        "position-" + cell.positionPercent()),
                null, null, null, files, null, List.of(), List.of(new GoldLocation(needleFile, needle.name())), 0);
        return new NeedleTask(spec, needle, tokens, bestBefore);
    }

    /** Consecutive functions of one module make one file, joined by a blank line; the needle counts as needleFile's. */
    private static List<SourceFile> files(List<Function> ordered, Function needle, String needleFile) {
        List<SourceFile> files = new ArrayList<>();
        String path = null;
        StringBuilder content = new StringBuilder();
        for (Function f : ordered) {
            String file = f == needle ? needleFile : f.file();
            if (!file.equals(path)) {
                if (path != null) {
                    files.add(new SourceFile(path, content.toString()));
                }
                path = file;
                content.setLength(0);
            } else {
                content.append('\n');
            }
            content.append(f.code());
        }
        if (path != null) {
            files.add(new SourceFile(path, content.toString()));
        }
        return List.copyOf(files);
    }

    /** The probe's settings for a run: context sizes in tokens and needles per cell. */
    public record Options(List<Integer> sizes, int needles) {

        public Options {
            sizes = List.copyOf(sizes);
        }

        public List<Cell> cells() {
            return LongContext.cells(sizes);
        }

        /** Items per model and sample: one per cell and needle. */
        public long itemsPerModelAndSample() {
            return (long) cells().size() * needles;
        }

        /** A setting out of range, as a message naming it; empty when they are fine. */
        public Optional<String> problem() {
            int max = maxSizeTokens();
            if (sizes.isEmpty() || sizes.stream().anyMatch(s -> s < 200 || s > max)) {
                return Optional.of("long-context sizes must each be between 200 and " + max
                        + " tokens (what the bundled corpus holds), were " + sizes);
            }
            if (needles < 1 || needles > CORPUS.size()) {
                return Optional.of("long-context needles must be between 1 and " + CORPUS.size()
                        + ", was " + needles);
            }
            return Optional.empty();
        }
    }

    /** The run's probe items: per needle, cell, model and sample; task ids needle-NAME, variants the cells'. */
    static List<io.evalwatch.events.TaskDispatched> dispatch(String runId, String suite, String suiteVersion,
            List<String> models, int samples, Options options, Instant now) {
        List<io.evalwatch.events.TaskDispatched> items = new ArrayList<>();
        for (Function needle : needles(options.needles())) {
            for (Cell cell : options.cells()) {
                TaskSpec spec = build(needle, cell).spec();
                String promptHash = RunPlan.sha256(spec.prompt());
                for (String model : models) {
                    for (int sample = 0; sample < samples; sample++) {
                        items.add(new TaskDispatched(
                                TaskDispatched.SCHEMA_VERSION,
                                ItemIds.of(runId, spec.id(), model, sample, cell.variant()),
                                runId, suite, suiteVersion, model, sample, cell.variant(), spec, promptHash, now, null,
                                List.of()));
                    }
                }
            }
        }
        return items;
    }

    /** The content hash of the probe's task set: its needles' code (the corpus and the needle count decide it). */
    static String taskSetHash(Options options) {
        Map<String, String> hashes = new TreeMap<>();
        needles(options.needles()).forEach(n -> hashes.put(LongContext.taskIdOf(n), RunPlan.sha256(n.code())));
        return TaskContent.taskSetHash(hashes);
    }
}
