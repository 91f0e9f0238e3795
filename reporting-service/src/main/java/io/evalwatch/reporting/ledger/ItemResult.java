package io.evalwatch.reporting.ledger;

import io.evalwatch.events.PromptVariant;
import io.evalwatch.events.TaskKind;
import io.evalwatch.events.TestResult;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One scored (or errored) item, stored once per item id however often it is delivered. */
@Entity
@Table(name = "item_result")
public class ItemResult extends PanacheEntityBase {

    @Id
    @Column(name = "item_id")
    public String itemId;

    @Column(name = "run_id")
    public String runId;

    public String suite;

    @Column(name = "suite_version")
    public String suiteVersion;

    @Column(name = "task_id")
    public String taskId;

    public String category;

    public String model;

    public int sample;

    public String variant;

    /** True when the item could not be processed by some stage and reached a dead-letter topic instead. */
    public boolean errored;

    @Column(name = "error_stage")
    public String errorStage;

    public boolean passed;

    @Column(name = "tests_passed")
    public int testsPassed;

    @Column(name = "tests_total")
    public int testsTotal;

    @Column(name = "pass_fraction")
    public double passFraction;

    @Column(name = "weighted_accuracy")
    public double weightedAccuracy;

    @Column(name = "failure_category")
    public String failureCategory;

    /** Labels of the secondary failure categories (evidence beside the primary one). */
    @Column(name = "secondary_categories")
    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> secondaryCategories;

    /** Named measures beyond pass/fail (see ItemMetrics); null on rows stored before they existed. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Double> metrics;

    /** The task's kind of code work, lower case (generation, completion, review, search); null when errored. */
    public String kind;

    /** The task's tags (null on rows stored before items carried them, and on errored items). */
    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> tags;

    /** Model calls made for the item, retries included (null on older rows). */
    public Integer attempts;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<TestResult> tests;

    public String output;

    @Column(name = "code_format")
    public String codeFormat;

    @Column(name = "queue_seconds")
    public Double queueSeconds;

    @Column(name = "ttft_seconds")
    public Double ttftSeconds;

    @Column(name = "duration_seconds")
    public Double durationSeconds;

    @Column(name = "itl_p50_seconds")
    public Double interTokenP50Seconds;

    @Column(name = "itl_p95_seconds")
    public Double interTokenP95Seconds;

    @Column(name = "output_tokens_per_second")
    public Double outputTokensPerSecond;

    /** The generator's own delay while the item waited for its first token (scheduling lag, GC pauses). */
    @Column(name = "host_lag_seconds")
    public Double hostLagSeconds;

    @Column(name = "input_tokens")
    public int inputTokens;

    @Column(name = "output_tokens")
    public int outputTokens;

    @Column(name = "cost_usd")
    public double costUsd;

    public String provider;

    @Column(name = "requested_model_id")
    public String requestedModelId;

    @Column(name = "response_model_id")
    public String responseModelId;

    @Column(name = "system_fingerprint")
    public String systemFingerprint;

    @Column(name = "request_id")
    public String requestId;

    @Column(name = "prompt_hash")
    public String promptHash;

    @Column(name = "config_hash")
    public String configHash;

    @Column(name = "dispatched_at")
    public Instant dispatchedAt;

    @Column(name = "scored_at")
    public Instant scoredAt;

    /** The prompt variant (base for items stored before variants existed). */
    public String variantOrBase() {
        return variant == null ? PromptVariant.BASE.id() : variant;
    }

    /**
     * The items a run's plain figures (report per model, gauges, history, frontier) are of: its base items, so that
     * variants run beside base change none of them; a run without base items gives its first variant's (in the
     * registry's order).
     */
    public static List<ItemResult> plain(List<ItemResult> items) {
        String first = items.stream().map(ItemResult::variantOrBase).distinct()
                .min(java.util.Comparator.comparingInt(PromptVariant::rank)).orElse(PromptVariant.BASE.id());
        return items.stream().filter(i -> i.variantOrBase().equals(first)).toList();
    }

    public static List<ItemResult> ofRun(String runId) {
        return list("runId = ?1 order by model, taskId, sample", runId);
    }

    public static long countOfRun(String runId) {
        return count("runId", runId);
    }

    public static Set<String> idsOfRun(String runId) {
        return new HashSet<>(getEntityManager()
                .createQuery("select i.itemId from ItemResult i where i.runId = ?1", String.class)
                .setParameter(1, runId).getResultList());
    }

    /** The kind of each task of the run of which an item arrived (items without a kind, errored ones, aside). */
    public static Map<String, TaskKind> kindsOfRun(String runId) {
        Map<String, TaskKind> kinds = new HashMap<>();
        for (Object[] row : getEntityManager().createQuery("select distinct i.taskId, i.kind from ItemResult i"
                + " where i.runId = ?1 and i.kind is not null and i.taskId is not null", Object[].class)
                .setParameter(1, runId).getResultList()) {
            try {
                kinds.put((String) row[0], TaskKind.valueOf(((String) row[1]).toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException unknown) {
                // a kind this version does not know: its task is listed under every variant
            }
        }
        return kinds;
    }

    /** When the run's latest item was stored: the run's last sign of progress. */
    public static Optional<Instant> lastScoredOfRun(String runId) {
        return Optional.ofNullable(getEntityManager()
                .createQuery("select max(i.scoredAt) from ItemResult i where i.runId = ?1", Instant.class)
                .setParameter(1, runId).getSingleResult());
    }
}
