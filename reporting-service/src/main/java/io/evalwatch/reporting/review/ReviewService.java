package io.evalwatch.reporting.review;

import io.evalwatch.reporting.ledger.ItemResult;
import io.evalwatch.reporting.review.ReviewApi.EntryView;
import io.evalwatch.reporting.review.ReviewApi.SampleRequest;
import io.evalwatch.reporting.review.ReviewApi.SampleView;
import io.evalwatch.reporting.review.ReviewApi.VerdictInput;
import io.evalwatch.reporting.review.ReviewApi.VerdictsRecorded;
import io.evalwatch.reporting.review.ReviewApi.VerdictsRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Human review of a run: draws samples, records each reviewer's verdicts, and sums them up. */
@ApplicationScoped
@Transactional
public class ReviewService {

    static final double DEFAULT_MINUTES = 30;
    static final double DEFAULT_SECONDS_PER_ITEM = 60;
    private static final int MAX_REVIEWER_LENGTH = 200;

    /** Draws a sample of the run's scored items; empty when reporting has no scored item of the run. */
    public Optional<SampleView> createSample(String runId, SampleRequest request) {
        double minutes = request == null || request.minutes() == null ? DEFAULT_MINUTES : request.minutes();
        double perItem = request == null || request.secondsPerItem() == null ? DEFAULT_SECONDS_PER_ITEM
                : request.secondsPerItem();
        if (!(minutes > 0) || Double.isInfinite(minutes)) {
            throw new InvalidReviewException("minutes", "minutes must be a number greater than 0, was " + minutes);
        }
        if (!(perItem > 0) || Double.isInfinite(perItem)) {
            throw new InvalidReviewException("secondsPerItem", "secondsPerItem must be a number greater than 0, was "
                    + perItem);
        }
        List<StratifiedSample.Candidate> scored = candidates(runId);
        if (scored.isEmpty()) {
            return Optional.empty();
        }
        int size = StratifiedSample.size(minutes, perItem, scored.size());
        if (size == 0) {
            throw new InvalidReviewException("minutes", "a budget of " + minutes + " minutes at " + perItem
                    + " seconds per item leaves no time for a single item");
        }
        // a fresh seed stays below 2^53, so that every JSON reader (JavaScript's too) reads it back exactly
        long seed = request != null && request.seed() != null ? request.seed()
                : new SecureRandom().nextLong() & ((1L << 53) - 1);
        List<StratifiedSample.Pick> picks = StratifiedSample.draw(scored, size, seed);

        ReviewSample sample = new ReviewSample();
        sample.sampleId = UUID.randomUUID().toString();
        sample.runId = runId;
        sample.seed = seed;
        sample.minutes = minutes;
        sample.secondsPerItem = perItem;
        sample.size = picks.size();
        sample.available = scored.size();
        sample.createdAt = Instant.now();
        sample.persist();
        int width = String.valueOf(picks.size()).length();
        for (int i = 0; i < picks.size(); i++) {
            ReviewEntry entry = new ReviewEntry();
            entry.sampleId = sample.sampleId;
            entry.entryId = "e" + String.format("%0" + width + "d", i + 1);
            entry.itemId = picks.get(i).itemId();
            entry.stratum = picks.get(i).stratum().name();
            entry.position = i;
            entry.persist();
        }
        return sample(runId, sample.sampleId);
    }

    /** A sample of the run as the reviewer sees it; empty when the run has no such sample. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<SampleView> sample(String runId, String sampleId) {
        ReviewSample sample = ReviewSample.findById(sampleId);
        if (sample == null || !sample.runId.equals(runId)) {
            return Optional.empty();
        }
        List<ReviewEntry> entries = ReviewEntry.ofSample(sampleId);
        Map<String, ItemResult> items = items(entries.stream().map(e -> e.itemId).toList());
        List<EntryView> views = entries.stream().map(e -> {
            ItemResult item = items.get(e.itemId);
            return new EntryView(e.entryId, item.suite, item.suiteVersion, item.taskId, item.output);
        }).toList();
        return Optional.of(new SampleView(sample.sampleId, runId, sample.seed, sample.minutes, sample.secondsPerItem,
                sample.size, sample.available, sample.createdAt, views));
    }

    /** The run's samples, oldest first, without their entries. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<SampleView> samples(String runId) {
        return ReviewSample.ofRun(runId).stream().map(s -> new SampleView(s.sampleId, runId, s.seed, s.minutes,
                s.secondsPerItem, s.size, s.available, s.createdAt, List.of())).toList();
    }

    /**
     * Stores one reviewer's verdicts on a sample, replacing that reviewer's earlier ones; nothing is stored when any
     * verdict is invalid. Empty when the run has no such sample.
     */
    public Optional<VerdictsRecorded> recordVerdicts(String runId, String sampleId, VerdictsRequest request) {
        ReviewSample sample = ReviewSample.findById(sampleId);
        if (sample == null || !sample.runId.equals(runId)) {
            return Optional.empty();
        }
        if (request == null) {
            throw new InvalidReviewException("reviewer", "a body with reviewer and verdicts is required");
        }
        String reviewer = request.reviewer() == null ? "" : request.reviewer().strip();
        if (reviewer.isEmpty() || reviewer.length() > MAX_REVIEWER_LENGTH) {
            throw new InvalidReviewException("reviewer", "reviewer must name who reviewed, in 1 to "
                    + MAX_REVIEWER_LENGTH + " characters");
        }
        List<VerdictInput> verdicts = request.verdicts() == null ? List.of() : request.verdicts();
        Set<String> entries = ReviewEntry.ofSample(sampleId).stream().map(e -> e.entryId).collect(Collectors.toSet());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < verdicts.size(); i++) {
            VerdictInput v = verdicts.get(i);
            String at = "verdicts[" + i + "]";
            if (v == null || v.entryId() == null || !entries.contains(v.entryId())) {
                throw new InvalidReviewException(at + ".entryId", "entry " + (v == null ? null : v.entryId())
                        + " is not in sample " + sampleId);
            }
            if (!seen.add(v.entryId())) {
                throw new InvalidReviewException(at + ".entryId", "entry " + v.entryId() + " has two verdicts");
            }
            if (v.accept() == null) {
                throw new InvalidReviewException(at + ".accept", "entry " + v.entryId() + ": accept must be true"
                        + " or false");
            }
            if (v.introducesBug() == null) {
                throw new InvalidReviewException(at + ".introducesBug", "entry " + v.entryId()
                        + ": introducesBug must be true or false");
            }
        }
        long replaced = ReviewVerdict.delete("sampleId = ?1 and reviewer = ?2", sampleId, reviewer);
        Instant now = Instant.now();
        for (VerdictInput v : verdicts) {
            ReviewVerdict verdict = new ReviewVerdict();
            verdict.sampleId = sampleId;
            verdict.entryId = v.entryId();
            verdict.reviewer = reviewer;
            verdict.accept = v.accept();
            verdict.introducesBug = v.introducesBug();
            verdict.comment = v.comment() == null || v.comment().isBlank() ? null : v.comment().strip();
            verdict.recordedAt = now;
            verdict.persist();
        }
        return Optional.of(new VerdictsRecorded(sampleId, reviewer, verdicts.size(), (int) replaced));
    }

    /**
     * Every verdict on the run's samples, each with its item's model and automated verdict; where a reviewer judged
     * the same item in two samples, the later verdict counts.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ReviewSummary.Rating> ratings(String runId) {
        List<String> sampleIds = ReviewSample.ofRun(runId).stream().map(s -> s.sampleId).toList();
        if (sampleIds.isEmpty()) {
            return List.of();
        }
        Map<String, String> itemOfEntry = new HashMap<>();
        ReviewEntry.<ReviewEntry>list("sampleId in ?1", sampleIds)
                .forEach(e -> itemOfEntry.put(e.sampleId + "/" + e.entryId, e.itemId));
        Map<String, ItemResult> items = items(List.copyOf(new HashSet<>(itemOfEntry.values())));
        Map<String, ReviewSummary.Rating> latest = new LinkedHashMap<>(); // verdicts come oldest first
        for (ReviewVerdict v : ReviewVerdict.ofSamples(sampleIds)) {
            ItemResult item = items.get(itemOfEntry.get(v.sampleId + "/" + v.entryId));
            latest.put(item.itemId + "\n" + v.reviewer, new ReviewSummary.Rating(item.itemId, item.model, item.passed,
                    v.reviewer, v.accept, v.introducesBug));
        }
        return List.copyOf(latest.values());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ReviewSummary summary(String runId) {
        return ReviewSummary.of(runId, (int) ReviewSample.count("runId", runId), ratings(runId));
    }

    /**
     * The run's scored (not errored) base-variant items, read as id, model and score only: outputs and tests stay
     * unread. Base only, as the accept rate is a part of base's composite.
     */
    private static List<StratifiedSample.Candidate> candidates(String runId) {
        return ItemResult.getEntityManager().createQuery("select i.itemId, i.model, i.weightedAccuracy"
                        + " from ItemResult i where i.runId = :run and i.errored = false"
                        + " and (i.variant is null or i.variant = 'base')", Object[].class)
                .setParameter("run", runId).getResultList().stream()
                .map(row -> new StratifiedSample.Candidate((String) row[0], (String) row[1], (Double) row[2]))
                .toList();
    }

    private static Map<String, ItemResult> items(List<String> itemIds) {
        if (itemIds.isEmpty()) {
            return Map.of();
        }
        return ItemResult.<ItemResult>list("itemId in ?1", itemIds).stream()
                .collect(Collectors.toMap(i -> i.itemId, Function.identity()));
    }
}
