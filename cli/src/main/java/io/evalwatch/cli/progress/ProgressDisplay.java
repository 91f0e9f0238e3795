package io.evalwatch.cli.progress;

import com.fasterxml.jackson.databind.JsonNode;
import io.evalwatch.cli.Terminal;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Shows a run's progress per stage (GET /api/runs/{id}/progress): dispatched, generated, executed, scored and
 * errored items, each stage's rate and the time left. On a terminal a block of lines redrawn in place; otherwise
 * (a pipe, a CI log) one plain line at most every {@link #PLAIN_EVERY}, and one at the end.
 */
public final class ProgressDisplay {

    static final Duration PLAIN_EVERY = Duration.ofSeconds(10);

    private final PrintStream out;
    private final boolean live;
    private final StageRates rates = new StageRates();
    private int drawn;
    private double lastPlain = Double.NEGATIVE_INFINITY;
    private double start = Double.NaN;

    /** @param live redraw in place: out is a terminal */
    public ProgressDisplay(PrintStream out, boolean live) {
        this.out = out;
        this.live = live;
    }

    /** For the run's progress stream: live when it is a terminal. */
    public static ProgressDisplay on(PrintStream out) {
        return new ProgressDisplay(out, out == System.err ? Terminal.stderr() : Terminal.stdout());
    }

    /** The counts at {@code seconds} on a monotonic clock (the first call's time is the start). */
    public void update(JsonNode progress, double seconds) {
        rates.add(sample(progress, seconds));
        if (live) {
            redraw(block(progress, seconds));
        } else if (seconds - lastPlain >= PLAIN_EVERY.toSeconds()) {
            out.println(line(progress, seconds));
            lastPlain = seconds;
        }
    }

    /** The last counts, always shown (a plain line even if one was printed a moment ago). */
    public void finish(JsonNode progress, double seconds) {
        rates.add(sample(progress, seconds));
        if (live) {
            redraw(block(progress, seconds));
        } else {
            out.println(line(progress, seconds));
        }
    }

    private StageRates.Sample sample(JsonNode p, double seconds) {
        if (Double.isNaN(start)) {
            start = seconds;
        }
        return new StageRates.Sample(seconds, p.path("generated").asLong(), p.path("executed").asLong(),
                finished(p));
    }

    private static long finished(JsonNode p) {
        return p.path("scored").asLong() + p.path("errored").asLong();
    }

    private void redraw(List<String> lines) {
        StringBuilder frame = new StringBuilder();
        if (drawn > 0) {
            frame.append("\u001b[").append(drawn).append('A'); // back to the block's first line
        }
        for (String l : lines) {
            frame.append("\u001b[2K").append(l).append('\n');
        }
        out.print(frame);
        out.flush();
        drawn = lines.size();
    }

    /** The terminal's block: one line per stage, then elapsed time and ETA. */
    List<String> block(JsonNode p, double seconds) {
        long dispatched = p.path("dispatched").asLong();
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "  %-11s %6d", "dispatched", dispatched));
        lines.add(stage("generated", p.path("generated").asLong(), dispatched, rates.rate(StageRates.Sample::generated))
                + (p.path("generationErrors").asLong() > 0 ? "   (" + p.path("generationErrors").asLong()
                        + " without an answer)" : ""));
        lines.add(stage("executed", p.path("executed").asLong(), p.path("toExecute").asLong(),
                rates.rate(StageRates.Sample::executed)) + "   (of the answers the sandbox runs)");
        lines.add(stage("scored", p.path("scored").asLong(), dispatched, rates.rate(StageRates.Sample::finished)));
        long errored = p.path("errored").asLong();
        String erroredText = String.format(Locale.ROOT, "  %-11s %6d", "errored", errored);
        lines.add(errored > 0 && Terminal.colourWanted() ? Terminal.colour(erroredText, "red") : erroredText);
        lines.add(String.format(Locale.ROOT, "  elapsed %s   ETA %s", clock(seconds - start), eta(p)));
        return lines;
    }

    /** A plain line: every stage, rates, ETA. */
    String line(JsonNode p, double seconds) {
        long dispatched = p.path("dispatched").asLong();
        return String.format(Locale.ROOT, "  [%s] dispatched %d, generated %d/%d (%s), executed %d/%d (%s), scored"
                + " %d/%d (%s), errored %d, ETA %s", clock(seconds - start), dispatched, p.path("generated").asLong(),
                dispatched, perSecond(rates.rate(StageRates.Sample::generated)), p.path("executed").asLong(),
                p.path("toExecute").asLong(), perSecond(rates.rate(StageRates.Sample::executed)),
                p.path("scored").asLong(), dispatched, perSecond(rates.rate(StageRates.Sample::finished)),
                p.path("errored").asLong(), eta(p));
    }

    private String eta(JsonNode p) {
        Duration eta = rates.eta(p.path("dispatched").asLong() - finished(p));
        return eta == null ? "-" : clock(eta.toMillis() / 1000.0);
    }

    private static String stage(String name, long done, long of, double rate) {
        return String.format(Locale.ROOT, "  %-11s %6d/%-6d %s", name, done, of, perSecond(rate));
    }

    private static String perSecond(double rate) {
        return String.format(Locale.ROOT, "%.1f/s", rate);
    }

    static String clock(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
