package io.evalwatch.reporting.review;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Which scored items a person reviews: as many as the time budget allows, shared as evenly as possible between the
 * run's models (so each model's accept rate rests on its own entries), and within a model in equal thirds: the
 * highest scored, the lowest scored and a random draw from the items between them. The extremes show what the
 * automated score is surest of; the middle shows where it is least sure. Ties in score are broken at random, and the
 * entries come out shuffled, so the order of the file reveals neither stratum nor model. The same items and seed
 * always give the same sample.
 */
public final class StratifiedSample {

    /** Where in the model's score order an entry was drawn from. */
    public enum Stratum { top, bottom, middle }

    /** A scored item that may be drawn. */
    public record Candidate(String itemId, String model, double score) {
    }

    /** A drawn item. */
    public record Pick(String itemId, String model, Stratum stratum) {
    }

    private StratifiedSample() {
    }

    /** Entries that fit the budget, never more than there are: floor(minutes * 60 / secondsPerItem). */
    public static int size(double minutes, double secondsPerItem, int available) {
        if (!(minutes > 0) || !(secondsPerItem > 0)) {
            throw new IllegalArgumentException("minutes and seconds per item must be greater than 0, were " + minutes
                    + " and " + secondsPerItem);
        }
        return (int) Math.min(available, Math.floor(minutes * 60 / secondsPerItem));
    }

    /** Draws {@code size} items (at most all of them), shuffled. */
    public static List<Pick> draw(List<Candidate> items, int size, long seed) {
        Random random = new Random(seed);
        Map<String, List<Candidate>> byModel = new TreeMap<>();
        items.stream().sorted(Comparator.comparing(Candidate::itemId))
                .forEach(c -> byModel.computeIfAbsent(c.model(), m -> new ArrayList<>()).add(c));
        Map<String, Integer> shares = shares(byModel, Math.min(size, items.size()));
        List<Pick> picks = new ArrayList<>();
        byModel.forEach((model, candidates) -> picks.addAll(thirds(candidates, shares.get(model), random)));
        Collections.shuffle(picks, random);
        return picks;
    }

    /** Each model's number of entries: equal shares, a model with fewer items giving its rest to the others. */
    static Map<String, Integer> shares(Map<String, List<Candidate>> byModel, int size) {
        Map<String, Integer> shares = new TreeMap<>();
        byModel.keySet().forEach(m -> shares.put(m, 0));
        int left = size;
        while (left > 0) {
            List<String> open = byModel.keySet().stream()
                    .filter(m -> shares.get(m) < byModel.get(m).size()).toList();
            if (open.isEmpty()) {
                break;
            }
            int each = Math.max(1, left / open.size());
            for (String m : open) {
                int give = Math.min(Math.min(each, left), byModel.get(m).size() - shares.get(m));
                shares.merge(m, give, Integer::sum);
                left -= give;
                if (left == 0) {
                    break;
                }
            }
        }
        return shares;
    }

    private static List<Pick> thirds(List<Candidate> candidates, int k, Random random) {
        List<Candidate> ordered = new ArrayList<>(candidates);
        Collections.shuffle(ordered, random); // ties then fall in random order under the stable sort
        ordered.sort(Comparator.comparingDouble(Candidate::score).reversed());
        int top = k / 3 + (k % 3 >= 1 ? 1 : 0);
        int bottom = k / 3 + (k % 3 >= 2 ? 1 : 0);
        int middle = k - top - bottom;
        List<Pick> picks = new ArrayList<>();
        ordered.subList(0, top).forEach(c -> picks.add(new Pick(c.itemId(), c.model(), Stratum.top)));
        ordered.subList(ordered.size() - bottom, ordered.size())
                .forEach(c -> picks.add(new Pick(c.itemId(), c.model(), Stratum.bottom)));
        List<Candidate> between = new ArrayList<>(ordered.subList(top, ordered.size() - bottom));
        Collections.shuffle(between, random);
        between.subList(0, middle).forEach(c -> picks.add(new Pick(c.itemId(), c.model(), Stratum.middle)));
        return picks;
    }
}
