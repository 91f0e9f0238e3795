package io.evalwatch.task.run;

import io.evalwatch.events.ItemIds;
import io.evalwatch.events.RunStarted;
import io.evalwatch.events.TaskDispatched;
import io.evalwatch.task.suite.Suite;
import io.evalwatch.task.suite.TaskDefinition;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** The items of a run: one per task × model × sample × variant, with the run's announcement. */
public record RunPlan(RunStarted started, List<TaskDispatched> items) {

    public static final String BASE_VARIANT = "base";

    public static RunPlan of(String runId, Suite suite, List<TaskDefinition> tasks, List<String> models, int samples,
            String trigger, String monitor, Instant now) {
        List<TaskDispatched> items = new ArrayList<>();
        for (TaskDefinition task : tasks) {
            String promptHash = sha256(task.prompt());
            for (String model : models) {
                for (int sample = 0; sample < samples; sample++) {
                    items.add(new TaskDispatched(TaskDispatched.SCHEMA_VERSION,
                            ItemIds.of(runId, task.id(), model, sample, BASE_VARIANT), runId, suite.name(),
                            suite.version(), model, sample, BASE_VARIANT, task.toSpec(), promptHash, now));
                }
            }
        }
        RunStarted started = new RunStarted(RunStarted.SCHEMA_VERSION, runId, suite.name(), suite.version(),
                List.copyOf(models), samples, items.size(), trigger, monitor, now, null, null, null);
        return new RunPlan(started, List.copyOf(items));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
