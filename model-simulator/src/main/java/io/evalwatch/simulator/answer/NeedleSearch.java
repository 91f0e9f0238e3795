package io.evalwatch.simulator.answer;

import io.evalwatch.events.probe.LongContext;
import io.evalwatch.events.probe.LongContext.Function;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A long-context probe's request, read from the prompt alone as a vendor sees it: the needle question's description
 * names a function of the probe's corpus, and where that function's definition stands among the listed files gives
 * its position (characters before it over the files' characters, as per cent; characters stand in for tokens, and
 * the probe's positions are 20 points apart). Pure.
 */
public record NeedleSearch(Function needle, String file, int positionPercent, List<Located> others) {

    /** Another function the prompt lists, and its file: what a model that misses the needle answers. */
    public record Located(String file, String name) {
    }

    private static final Pattern HEADING = Pattern.compile("(?m)^### (\\S+)$");
    private static final Pattern DEF = Pattern.compile("(?m)^def (\\w+)\\(");

    public static Optional<NeedleSearch> read(String prompt) {
        Optional<Function> needle = LongContext.descriptionIn(prompt).flatMap(LongContext::byDescription);
        if (needle.isEmpty()) {
            return Optional.empty();
        }
        int filesEnd = prompt.indexOf("\nQuestion: ");
        String files = filesEnd < 0 ? prompt : prompt.substring(0, filesEnd);
        List<int[]> headings = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        Matcher h = HEADING.matcher(files);
        while (h.find()) {
            headings.add(new int[] {h.start()});
            paths.add(h.group(1));
        }
        if (paths.isEmpty()) {
            return Optional.empty();
        }
        int firstFile = headings.get(0)[0];
        String needleFile = null;
        int needleAt = -1;
        List<Located> others = new ArrayList<>();
        Matcher d = DEF.matcher(files);
        while (d.find()) {
            String file = paths.get(fileAt(headings, d.start()));
            if (d.group(1).equals(needle.get().name()) && needleAt < 0) {
                needleFile = file;
                needleAt = d.start();
            } else {
                others.add(new Located(file, d.group(1)));
            }
        }
        if (needleAt < 0) {
            return Optional.empty();
        }
        double share = (double) (needleAt - firstFile) / Math.max(1, files.length() - firstFile);
        return Optional.of(new NeedleSearch(needle.get(), needleFile, (int) Math.round(share * 100), others));
    }

    private static int fileAt(List<int[]> headings, int offset) {
        int index = 0;
        for (int i = 0; i < headings.size(); i++) {
            if (headings.get(i)[0] <= offset) {
                index = i;
            }
        }
        return index;
    }

    /** The answer: the needle first when found, else another listed function (picked by pick) in its place. */
    public String answer(boolean found, int pick) {
        Located first = found || others.isEmpty() ? new Located(file, needle.name())
                : others.get(Math.floorMod(pick, others.size()));
        return "[{\"file\": \"" + first.file() + "\", \"symbol\": \"" + first.name() + "\"}]";
    }
}
