package io.evalwatch.reporting.ledger;

import io.evalwatch.events.JudgeCompleted;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An LLM judge's grade of one item, stored apart from the item's score and joined to it by item id (V6__judge.sql
 * says why). A grade is never part of pass/fail.
 */
@Entity
@Table(name = "item_judgement")
public class ItemJudgement extends PanacheEntityBase {

    @Id
    @Column(name = "item_id")
    public String itemId;

    @Column(name = "run_id")
    public String runId;

    public String model;

    @Column(name = "judge_model")
    public String judgeModel;

    @Column(name = "rubric_id")
    public String rubricId;

    @Column(name = "rubric_version")
    public int rubricVersion;

    public Integer score;

    public String rationale;

    @Column(name = "unscored_reason")
    public String unscoredReason;

    @Column(name = "input_tokens")
    public int inputTokens;

    @Column(name = "output_tokens")
    public int outputTokens;

    @Column(name = "cost_usd")
    public double costUsd;

    public int attempts;

    @Column(name = "judged_at")
    public Instant judgedAt;

    public static ItemJudgement of(JudgeCompleted e) {
        ItemJudgement j = new ItemJudgement();
        j.itemId = e.itemId();
        j.runId = e.runId();
        j.model = e.model();
        j.judgeModel = e.judgeModel();
        j.rubricId = e.rubricId();
        j.rubricVersion = e.rubricVersion();
        j.score = e.score();
        j.rationale = e.rationale();
        j.unscoredReason = e.unscoredReason();
        j.inputTokens = e.usage().inputTokens();
        j.outputTokens = e.usage().outputTokens();
        j.costUsd = e.costUsd();
        j.attempts = e.attempts();
        j.judgedAt = e.occurredAt();
        return j;
    }

    /** Takes every value of another judgement of the same item (a redelivery or a newer judgement). */
    void copy(ItemJudgement o) {
        runId = o.runId;
        model = o.model;
        judgeModel = o.judgeModel;
        rubricId = o.rubricId;
        rubricVersion = o.rubricVersion;
        score = o.score;
        rationale = o.rationale;
        unscoredReason = o.unscoredReason;
        inputTokens = o.inputTokens;
        outputTokens = o.outputTokens;
        costUsd = o.costUsd;
        attempts = o.attempts;
        judgedAt = o.judgedAt;
    }

    /** The run's judgements by item id. */
    public static Map<String, ItemJudgement> ofRun(String runId) {
        List<ItemJudgement> list = list("runId", runId);
        return list.stream().collect(Collectors.toMap(j -> j.itemId, Function.identity()));
    }
}
