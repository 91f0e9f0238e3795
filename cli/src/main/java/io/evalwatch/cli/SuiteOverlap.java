package io.evalwatch.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.evalwatch.cli.overlap.Document;
import io.evalwatch.cli.overlap.MinHash;
import io.evalwatch.cli.overlap.OverlapCheck;
import io.evalwatch.cli.overlap.OverlapReport;
import io.evalwatch.cli.overlap.TaskTexts;
import io.evalwatch.suite.LoadedTask;
import io.evalwatch.suite.SuiteFolder;
import io.evalwatch.suite.SuiteReading;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code suites overlap}: reads the suites at a path and a training JSONL file, runs the {@link OverlapCheck} and
 * prints the flagged tasks as a table or JSON. Unreadable training lines are skipped, counted and each shown as
 * {@code file:line: why}: one broken line of a large scraped file should not hide what the rest shows.
 */
final class SuiteOverlap {

    /** How many of a task's matching lines the table lists (JSON lists them all); the rest are counted. */
    static final int LINES_SHOWN = 5;

    private final PrintStream out;
    private final PrintStream progress;
    private final PrintStream warnings;

    /** Results go to out, progress lines to progress, skipped lines and suite problems to warnings. */
    SuiteOverlap(PrintStream out, PrintStream progress, PrintStream warnings) {
        this.out = out;
        this.progress = progress;
        this.warnings = warnings;
    }

    /** The exit code: OK without overlap, FAILED when a task overlaps (as a gate regression: CI stops on it). */
    int run(Path suitePath, Path train, double threshold, Format format, boolean strict, Path documentsFile)
            throws IOException {
        if (!(threshold > 0 && threshold <= 1)) {
            throw new ExitCodes.Failure(ExitCodes.USAGE, "--threshold must be in (0, 1], got " + threshold);
        }
        if (!Files.isRegularFile(train)) {
            throw new ExitCodes.Failure(ExitCodes.USAGE, train + ": no such training file");
        }
        List<OverlapCheck.Task> tasks = tasks(suitePath);
        OverlapCheck check = new OverlapCheck(tasks, threshold, MinHash.forThreshold(threshold), progress::println);
        progress.printf("checking %s against %d tasks (%d texts) at ratio >= %s%n", train, tasks.size(),
                check.taskDocuments(), threshold);
        OverlapCheck.Result result;
        if (documentsFile != null) {
            try (BufferedWriter writer = Files.newBufferedWriter(documentsFile, StandardCharsets.UTF_8)) {
                result = check.run(train, documentSink(writer));
            }
        } else {
            result = check.run(train, null);
        }
        for (OverlapCheck.BadLine bad : result.firstBadLines()) {
            warnings.printf("%s:%d: skipped: %s%n", train, bad.line(), bad.message());
        }
        if (result.badLines() > result.firstBadLines().size()) {
            warnings.printf("%s: %d more unreadable lines skipped%n", train,
                    result.badLines() - result.firstBadLines().size());
        }
        if (strict && result.badLines() > 0) {
            throw new ExitCodes.Failure(ExitCodes.FAILED, train + ": " + result.badLines() + " unreadable lines"
                    + " (--strict); the first at line " + result.firstBadLines().get(0).line());
        }
        if (result.samples() == 0 && result.badLines() > 0) {
            throw new ExitCodes.Failure(ExitCodes.FAILED, train + ": no readable training sample (" + result
                    .badLines() + " lines skipped); is it JSON Lines, one object per line?");
        }
        OverlapReport report = OverlapReport.of(check.tasks(), result.matches());
        if (format == Format.json) {
            Format.printJson(json(train, threshold, tasks.size(), result, report));
        } else {
            printTable(train, tasks.size(), result, report);
        }
        return report.flagged().isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private List<OverlapCheck.Task> tasks(Path suitePath) {
        List<Path> folders = SuiteValidation.suites(suitePath);
        if (folders.isEmpty()) {
            throw new ExitCodes.Failure(ExitCodes.USAGE, suitePath + ": no suite here (a suite folder has suite.yaml"
                    + " and tasks/, or pass a folder of suites)");
        }
        List<OverlapCheck.Task> tasks = new ArrayList<>();
        for (Path folder : folders) {
            SuiteReading reading = SuiteFolder.read(folder);
            if (!reading.valid()) {
                warnings.printf("%s: %d problems (./evalwatch suites validate %s); checking its %d valid tasks%n",
                        folder, reading.problems().size(), folder, reading.tasks().size());
            }
            String suite = reading.name() != null ? reading.name() : folder.getFileName().toString();
            for (LoadedTask task : reading.tasks()) {
                tasks.add(new OverlapCheck.Task(suite, task.spec().id(), task.file(),
                        TaskTexts.of(task.spec())));
            }
        }
        return tasks;
    }

    private void printTable(Path train, int tasks, OverlapCheck.Result result, OverlapReport report) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"suite", "task", "similarity", "matched", "training line(s)"});
        for (OverlapReport.FlaggedTask f : report.flagged()) {
            OverlapCheck.Match top = f.top();
            StringBuilder lines = new StringBuilder();
            for (OverlapCheck.Match m : f.matches().subList(0, Math.min(LINES_SHOWN, f.matches().size()))) {
                lines.append(lines.isEmpty() ? "" : ", ").append(m.line());
            }
            if (f.matches().size() > LINES_SHOWN) {
                lines.append(String.format(" (+%d more)", f.matches().size() - LINES_SHOWN));
            }
            rows.add(new String[] {f.task().suite(), f.task().id(), String.format(Locale.ROOT, "%.3f",
                    top.similarity()), top.taskPart() + " ~ " + top.sampleField(), lines.toString()});
        }
        if (!report.flagged().isEmpty()) {
            out.print(ReportTable.table(rows));
        }
        out.printf(Locale.ROOT, "%d of %d tasks overlap %s (%d task/line pairs at ratio >= threshold); %d samples,"
                + " %d unreadable lines skipped; %d candidate pairs, %d verified; %.1f s%n", report.flagged().size(),
                tasks, train, report.flaggedPairs(), result.samples(), result.badLines(), result.candidatePairs(),
                result.verified(), result.seconds());
    }

    private static ObjectNode json(Path train, double threshold, int tasks, OverlapCheck.Result result,
            OverlapReport report) {
        ObjectNode root = EvalwatchCommand.JSON.createObjectNode();
        root.put("train", train.toString());
        root.put("threshold", threshold);
        root.put("tasks", tasks);
        root.put("samples", result.samples());
        root.put("trainingTexts", result.documents());
        root.put("unreadableLines", result.badLines());
        ArrayNode bad = root.putArray("firstUnreadableLines");
        for (OverlapCheck.BadLine b : result.firstBadLines()) {
            bad.addObject().put("line", b.line()).put("message", b.message());
        }
        root.put("candidatePairs", result.candidatePairs());
        root.put("verifiedPairs", result.verified());
        root.put("flaggedTasks", report.flagged().size());
        root.put("flaggedPairs", report.flaggedPairs());
        root.put("seconds", result.seconds());
        ArrayNode overlaps = root.putArray("overlaps");
        for (OverlapReport.FlaggedTask f : report.flagged()) {
            ObjectNode o = overlaps.addObject();
            o.put("suite", f.task().suite());
            o.put("task", f.task().id());
            o.put("file", f.task().file().toString());
            o.put("similarity", f.top().similarity());
            o.put("taskPart", f.top().taskPart());
            o.put("trainingField", f.top().sampleField());
            ArrayNode lines = o.putArray("lines");
            for (OverlapCheck.Match m : f.matches()) {
                lines.addObject().put("line", m.line()).put("similarity", m.similarity())
                        .put("taskPart", m.taskPart()).put("trainingField", m.sampleField());
            }
        }
        return root;
    }

    /** Every compared text as a JSON line, for the benchmark's brute-force difflib. */
    private static OverlapCheck.DocumentSink documentSink(BufferedWriter writer) {
        return new OverlapCheck.DocumentSink() {
            @Override
            public void task(OverlapCheck.Task task, Document document) throws IOException {
                ObjectNode line = EvalwatchCommand.JSON.createObjectNode().put("suite", task.suite())
                        .put("task", task.id()).put("part", document.part()).put("text", document.text());
                writer.write(EvalwatchCommand.JSON.writeValueAsString(line));
                writer.newLine();
            }

            @Override
            public void sample(long number, Document document) throws IOException {
                ObjectNode line = EvalwatchCommand.JSON.createObjectNode().put("line", number)
                        .put("part", document.part()).put("text", document.text());
                writer.write(EvalwatchCommand.JSON.writeValueAsString(line));
                writer.newLine();
            }
        };
    }
}
