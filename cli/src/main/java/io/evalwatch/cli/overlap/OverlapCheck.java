package io.evalwatch.cli.overlap;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Which suite tasks are too similar to a training sample: MinHash/LSH over the tasks' documents proposes candidate
 * pairs, and each candidate is decided by difflib's exact ratio ({@link SequenceMatcher}), after difflib's own upper
 * bounds (lengths, then shared characters) have ruled out the pairs that cannot reach the threshold. The training
 * file is streamed in batches, each batch checked on every core.
 */
public final class OverlapCheck {

    /** A suite task with its documents. */
    public record Task(String suite, String id, Path file, List<Document> documents) {
    }

    /** A task and a training line at or above the threshold: the best-matching pair of texts and its ratio. */
    public record Match(int task, long line, String taskPart, String sampleField, double similarity) {
    }

    /** A training line that could not be read, with why. */
    public record BadLine(long line, String message) {
    }

    /** What the check found and what it cost. */
    public record Result(long samples, long documents, long badLines, List<BadLine> firstBadLines,
            long candidatePairs, long verified, List<Match> matches, double seconds) {
    }

    /** Called with every document compared (tasks' first, then each line's): the benchmark's brute force reads them. */
    public interface DocumentSink {
        void task(Task task, Document document) throws IOException;

        void sample(long line, Document document) throws IOException;
    }

    static final int BATCH = 4096;
    static final int BAD_LINES_KEPT = 20;
    private static final long PROGRESS_NANOS = 2_000_000_000L;
    // two records on one line are a broken line, not the first record
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final List<Task> tasks;
    private final double threshold;
    private final MinHash minHash;
    private final Consumer<String> progress;
    // the tasks' documents, flattened: which task each is, its part, its code points
    private final int[] docTask;
    private final String[] docPart;
    private final int[][] docText;
    // per band: band key -> the task documents with that key
    private final List<Map<Long, int[]>> bandIndex;

    public OverlapCheck(List<Task> tasks, double threshold, MinHash minHash, Consumer<String> progress) {
        this.tasks = List.copyOf(tasks);
        this.threshold = threshold;
        this.minHash = minHash;
        this.progress = progress;
        List<Integer> owners = new ArrayList<>();
        List<Document> documents = new ArrayList<>();
        for (int t = 0; t < this.tasks.size(); t++) {
            for (Document d : this.tasks.get(t).documents()) {
                owners.add(t);
                documents.add(d);
            }
        }
        int n = documents.size();
        docTask = new int[n];
        docPart = new String[n];
        docText = new int[n][];
        for (int d = 0; d < n; d++) {
            docTask[d] = owners.get(d);
            docPart[d] = documents.get(d).part();
            docText[d] = documents.get(d).text().codePoints().toArray();
        }
        long[][] keys = documents.parallelStream().map(d -> minHash.bandKeys(d.text())).toArray(long[][]::new);
        bandIndex = new ArrayList<>();
        for (int band = 0; band < minHash.bands(); band++) {
            Map<Long, int[]> index = new HashMap<>();
            for (int d = 0; d < n; d++) {
                index.merge(keys[d][band], new int[] {d}, OverlapCheck::concat);
            }
            bandIndex.add(index);
        }
    }

    public int taskDocuments() {
        return docTask.length;
    }

    /** Checks every line of the training file (gzip when its name ends in .gz); sink may be null. */
    public Result run(Path train, DocumentSink sink) throws IOException {
        long start = System.nanoTime();
        if (sink != null) {
            for (Task task : tasks) {
                for (Document d : task.documents()) {
                    sink.task(task, d);
                }
            }
        }
        LongAdder candidatePairs = new LongAdder();
        LongAdder verified = new LongAdder();
        List<Match> matches = new ArrayList<>();
        List<BadLine> firstBad = new ArrayList<>();
        long badLines = 0;
        long samples = 0;
        long documents = 0;
        long lineNumber = 0;
        long lastProgress = start;
        try (BufferedReader reader = open(train)) {
            List<Line> batch = new ArrayList<>(BATCH);
            boolean more = true;
            while (more) {
                batch.clear();
                String text;
                while (batch.size() < BATCH && (text = reader.readLine()) != null) {
                    lineNumber++;
                    if (!text.isBlank()) {
                        batch.add(new Line(lineNumber, text));
                    }
                }
                more = batch.size() == BATCH;
                List<Checked> checked = batch.parallelStream().map(l -> check(l, candidatePairs, verified)).toList();
                for (Checked c : checked) {
                    if (c.error() != null) {
                        badLines++;
                        if (firstBad.size() < BAD_LINES_KEPT) {
                            firstBad.add(new BadLine(c.line(), c.error()));
                        }
                        continue;
                    }
                    samples++;
                    documents += c.documents().size();
                    matches.addAll(c.matches());
                    if (sink != null) {
                        for (Document d : c.documents()) {
                            sink.sample(c.line(), d);
                        }
                    }
                }
                long now = System.nanoTime();
                if (more && now - lastProgress > PROGRESS_NANOS) {
                    lastProgress = now;
                    double seconds = (now - start) / 1e9;
                    progress.accept(String.format("  %,d lines read (%,.0f/s), %,d pairs verified, %,d over the"
                            + " threshold", lineNumber, lineNumber / seconds, verified.sum(), matches.size()));
                }
            }
        }
        return new Result(samples, documents, badLines, firstBad, candidatePairs.sum(), verified.sum(), matches,
                (System.nanoTime() - start) / 1e9);
    }

    private record Line(long number, String text) {
    }

    private record Checked(long line, List<Document> documents, List<Match> matches, String error) {
    }

    private Checked check(Line line, LongAdder candidatePairs, LongAdder verified) {
        List<Document> documents;
        try {
            documents = TrainingShape.documents(JSON.readTree(line.text()));
        } catch (IOException e) {
            return new Checked(line.number(), List.of(), List.of(), "not JSON: " + firstLine(e.getMessage()));
        } catch (IllegalArgumentException e) {
            return new Checked(line.number(), List.of(), List.of(), e.getMessage());
        }
        // the best pair of texts per task, for this line
        Map<Integer, Match> best = new LinkedHashMap<>();
        if (documents.isEmpty()) {
            return new Checked(line.number(), documents, List.of(), null);
        }
        List<long[]> keys = minHash.bandKeys(documents.stream().map(Document::text).toList());
        for (int s = 0; s < documents.size(); s++) {
            Document sample = documents.get(s);
            int[] text = sample.text().codePoints().toArray();
            for (int d : candidates(keys.get(s))) {
                candidatePairs.increment();
                if (SequenceMatcher.realQuickRatio(docText[d].length, text.length) < threshold) {
                    continue;
                }
                // a is the task's text, b the sample's: the order difflib's autojunk depends on
                SequenceMatcher matcher = new SequenceMatcher(docText[d], text);
                if (matcher.quickRatio() < threshold) {
                    continue;
                }
                verified.increment();
                double ratio = matcher.ratio();
                if (ratio >= threshold) {
                    Match match = new Match(docTask[d], line.number(), docPart[d], sample.part(), ratio);
                    best.merge(docTask[d], match, (x, y) -> y.similarity() > x.similarity() ? y : x);
                }
            }
        }
        return new Checked(line.number(), documents, List.copyOf(best.values()), null);
    }

    /** The task documents sharing at least one band key with a text (its keys), each once, ascending. */
    int[] candidates(long[] keys) {
        int[] found = new int[0];
        for (int band = 0; band < keys.length; band++) {
            int[] docs = bandIndex.get(band).get(keys[band]);
            if (docs != null) {
                found = concat(found, docs);
            }
        }
        return Arrays.stream(found).sorted().distinct().toArray();
    }

    private static int[] concat(int[] x, int[] y) {
        int[] both = Arrays.copyOf(x, x.length + y.length);
        System.arraycopy(y, 0, both, x.length, y.length);
        return both;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    private static BufferedReader open(Path train) throws IOException {
        InputStream in = Files.newInputStream(train);
        if (train.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        // a stray invalid byte is read as U+FFFD rather than stopping the whole read
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)),
                1 << 16);
    }

    /** The tasks, in the order their indices in {@link Match#task()} refer to. */
    public List<Task> tasks() {
        return tasks;
    }

    public double threshold() {
        return threshold;
    }
}
