package io.evalwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Human review of a run's answers: export a blind sample to a file, import a reviewer's verdicts, see the summary. */
@Command(name = "review", description = "Human review of a run's answers: a blind sample in a YAML file that a"
        + " reviewer fills in (accept? introduces a bug?), imported back; the summary shows accept rates per model"
        + " and how far reviewers agree with each other and with the automated verdict.",
        footerHeading = "%nExamples:%n", footer = {
            "  ./evalwatch review export 3f2a9c1e-... --minutes 20 --out review.yaml",
            "  ./evalwatch review import review.yaml --reviewer ann",
            "  ./evalwatch review summary 3f2a9c1e-..."},
        subcommands = {ReviewCommand.Export.class, ReviewCommand.Import.class, ReviewCommand.Summary.class})
public class ReviewCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "export", description = "Draw a sample of a run's scored items and write the file a reviewer"
            + " fills in: the highest scored, the lowest scored and a random middle in equal thirds per model, as"
            + " many as the time budget allows. The file names no model and no score; the seed in it draws the same"
            + " sample again.", footerHeading = "%nExamples:%n", footer = {
                "  ./evalwatch review export 3f2a9c1e-...",
                "  ./evalwatch review export 3f2a9c1e-... --minutes 45 --seconds-per-item 90 --out ann.yaml",
                "  ./evalwatch review export 3f2a9c1e-... --seed 1234   # the same sample again"})
    static class Export implements Callable<Integer> {
        @CommandLine.Mixin
        EvalwatchCommand.Endpoints endpoints;

        @Parameters(index = "0", paramLabel = "RUN", description = "the run id")
        String runId;

        @Option(names = "--minutes", defaultValue = "30", description = "the reviewer's time budget in minutes"
                + " (default: ${DEFAULT-VALUE})")
        double minutes;

        @Option(names = "--seconds-per-item", defaultValue = "60", description = "seconds one entry takes to review"
                + " (default: ${DEFAULT-VALUE})")
        double secondsPerItem;

        @Option(names = "--seed", description = "draw the sample of this seed (the seed: line of an earlier file)")
        Long seed;

        @Option(names = "--out", paramLabel = "FILE", description = "where to write the file (default:"
                + " review-<sample>.yaml); an existing file is never overwritten")
        Path out;

        @Override
        public Integer call() throws IOException {
            if (!(minutes > 0) || !(secondsPerItem > 0)) {
                throw new ExitCodes.Failure(ExitCodes.USAGE, "--minutes and --seconds-per-item must be greater"
                        + " than 0");
            }
            if (out != null && Files.exists(out)) {
                throw new ExitCodes.Failure(ExitCodes.USAGE, out + " already exists (it may hold someone's"
                        + " verdicts); choose another --out or remove it first");
            }
            EvalwatchApi api = endpoints.api();
            JsonNode sample = api.createReviewSample(runId, minutes, secondsPerItem, seed);
            String sampleId = sample.path("sampleId").asText();
            Map<String, String> prompts = new HashMap<>();
            List<String> missing = new ArrayList<>();
            List<ReviewFile.Entry> entries = new ArrayList<>();
            for (JsonNode e : sample.path("entries")) {
                String taskId = e.path("taskId").asText();
                String key = e.path("suite").asText() + "/" + e.path("suiteVersion").asText() + "/" + taskId;
                String prompt = prompts.computeIfAbsent(key, k -> prompt(api, e, missing));
                entries.add(new ReviewFile.Entry(e.path("entryId").asText(), taskId, prompt,
                        e.path("answer").asText()));
            }
            Path file = out != null ? out : Path.of("review-" + sampleId.substring(0, Math.min(8, sampleId.length()))
                    + ".yaml");
            Files.writeString(file, ReviewFile.write(runId, sampleId, sample.path("seed").asLong(), entries),
                    java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
            if (!missing.isEmpty()) {
                System.err.println("no prompt for " + missing.size() + " task(s) (task-service: "
                        + missing.get(0) + "); their entries show the answer alone");
            }
            System.out.printf("wrote %d entries (of %d scored items; seed %d) to %s%n", entries.size(),
                    sample.path("available").asInt(), sample.path("seed").asLong(), file);
            System.out.println("fill in reviewer, accept, introduces_bug and comment, then: ./evalwatch review import "
                    + file);
            return ExitCodes.OK;
        }

        /** The task's prompt from task-service, or null (noted in missing) when it cannot be had. */
        private static String prompt(EvalwatchApi api, JsonNode entry, List<String> missing) {
            try {
                JsonNode prompt = api.archivedTask(entry.path("suite").asText(), entry.path("suiteVersion").asText(),
                        entry.path("taskId").asText()).path("content").path("prompt");
                return prompt.isTextual() ? prompt.asText() : null;
            } catch (EvalwatchApi.ApiException e) {
                missing.add(e.getMessage());
                return null;
            }
        }
    }

    @Command(name = "import", description = "Read a filled-in review file and store its verdicts. Each import is"
            + " one reviewer's; importing the same reviewer again replaces their earlier verdicts on the sample."
            + " A file with any error stores nothing: every error is listed (entry, field, what is allowed) and the"
            + " command exits 2.", footerHeading = "%nExamples:%n", footer = {
                "  ./evalwatch review import review-1a2b3c4d.yaml",
                "  ./evalwatch review import bob.yaml --reviewer bob"})
    static class Import implements Callable<Integer> {
        @CommandLine.Mixin
        EvalwatchCommand.Endpoints endpoints;

        @Parameters(index = "0", paramLabel = "FILE", description = "the filled-in file")
        Path file;

        @Option(names = "--reviewer", paramLabel = "NAME", description = "who reviewed (default: the file's"
                + " reviewer: field)")
        String reviewer;

        @Override
        public Integer call() {
            String text;
            try {
                text = Files.readString(file);
            } catch (IOException e) {
                throw new ExitCodes.Failure(ExitCodes.USAGE, "cannot read " + file + ": " + e.getMessage());
            }
            ReviewFile.Filled filled;
            try {
                filled = ReviewFile.read(text, reviewer);
            } catch (ReviewFile.Invalid e) {
                System.err.println(file + ": nothing imported, " + e.problems().size() + " problem(s):");
                e.problems().forEach(p -> System.err.println("  " + p));
                return ExitCodes.USAGE;
            }
            JsonNode stored = endpoints.api().postReviewVerdicts(filled.runId(), filled.sampleId(),
                    ReviewFile.request(filled));
            System.out.printf("imported %d verdicts of %s on run %s (%d entries left empty%s)%n",
                    stored.path("stored").asInt(), stored.path("reviewer").asText(), filled.runId(), filled.skipped(),
                    stored.path("replaced").asInt() > 0 ? "; replaced " + stored.path("replaced").asInt()
                            + " earlier verdicts of the same reviewer" : "");
            return ExitCodes.OK;
        }
    }

    @Command(name = "summary", description = "What reviewers said about a run: per model, items reviewed, human"
            + " accept and introduces-a-bug rates, Cohen's kappa between each pair of reviewers and the agreement"
            + " between human accept and automated pass.", footerHeading = "%nExamples:%n", footer = {
                "  ./evalwatch review summary 3f2a9c1e-...",
                "  ./evalwatch review summary 3f2a9c1e-... --format json | jq '.models[].acceptRate'"})
    static class Summary implements Callable<Integer> {
        @CommandLine.Mixin
        EvalwatchCommand.Endpoints endpoints;

        @Parameters(index = "0", paramLabel = "RUN", description = "the run id")
        String runId;

        @CommandLine.Mixin
        Format.Choice format;

        @Override
        public Integer call() {
            JsonNode summary = endpoints.api().reviewSummary(runId);
            if (format.tableOrJson() == Format.json) {
                Format.printJson(summary);
                return ExitCodes.OK;
            }
            if (summary.path("models").isEmpty()) {
                System.out.println("no verdicts on run " + runId + " yet: ./evalwatch review export " + runId);
                return ExitCodes.OK;
            }
            print(summary, System.out);
            return ExitCodes.OK;
        }

        static void print(JsonNode summary, PrintStream out) {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"model", "items", "verdicts", "accept", "introduces bug", "accept = passed",
                    "kappa (human, automated)"});
            List<JsonNode> models = new ArrayList<>();
            summary.path("models").forEach(models::add);
            models.add(summary.path("all"));
            for (JsonNode m : models) {
                JsonNode automated = m.path("automated");
                rows.add(new String[] {m.path("model").isNull() ? "all" : m.path("model").asText(),
                        m.path("itemsReviewed").asText(), m.path("verdicts").asText(), share(m.path("acceptRate")),
                        share(m.path("introducesBugRate")), share(automated.path("agreement")),
                        kappa(automated.path("kappa"), automated.path("kappaUndefinedBecause"))});
            }
            out.print(ReportTable.table(rows));
            out.println();
            out.println("Agreement between reviewers on accept (Cohen's kappa over the items both reviewed):");
            for (JsonNode m : models) {
                for (JsonNode pair : m.path("reviewerAgreement")) {
                    out.printf("  %-12s %s / %s: %d items, agree on %s, kappa %s%n",
                            m.path("model").isNull() ? "all" : m.path("model").asText(), pair.path("first").asText(),
                            pair.path("second").asText(), pair.path("entries").asInt(), share(pair.path("agreement")),
                            kappa(pair.path("kappa"), pair.path("kappaUndefinedBecause")));
                }
            }
        }

        private static String share(JsonNode value) {
            return value.isNumber() ? String.format("%.0f %%", value.asDouble() * 100) : "-";
        }

        private static String kappa(JsonNode value, JsonNode undefinedBecause) {
            return value.isNumber() ? String.format("%.2f", value.asDouble())
                    : "undefined (" + undefinedBecause.asText("-") + ")";
        }
    }
}
