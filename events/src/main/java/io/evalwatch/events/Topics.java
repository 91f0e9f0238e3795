package io.evalwatch.events;

import java.util.LinkedHashMap;
import java.util.Map;

/** Kafka topic names and their partition counts: the one place every service and the local stack read them from. */
public final class Topics {

    public static final String RUNS = "eval.runs";
    public static final String TASKS = "eval.tasks";
    public static final String GENERATIONS = "eval.generations";
    public static final String EXECUTIONS = "eval.executions";
    public static final String SCORES = "eval.scores";
    public static final String ALERTS = "eval.alerts";
    /** LLM judge grades of items ({@link JudgeCompleted}), keyed by item id. */
    public static final String JUDGEMENTS = "eval.judgements";

    /** Suffix of the dead-letter topic that receives records a consumer could not process. */
    public static final String DLQ_SUFFIX = ".dlq";

    private Topics() {
    }

    public static String deadLetter(String topic) {
        return topic + DLQ_SUFFIX;
    }

    /**
     * Every topic with its partition count. Item topics get more partitions so that the expensive stages
     * (generation, sandbox) scale out by adding consumers to their group; run topics keep order per run.
     */
    public static Map<String, Integer> partitions() {
        Map<String, Integer> topics = new LinkedHashMap<>();
        topics.put(RUNS, 1);
        topics.put(TASKS, 6);
        topics.put(GENERATIONS, 6);
        topics.put(EXECUTIONS, 6);
        topics.put(SCORES, 6);
        topics.put(ALERTS, 1);
        topics.put(JUDGEMENTS, 6);
        for (String topic : new String[] {RUNS, TASKS, GENERATIONS, EXECUTIONS, SCORES, ALERTS, JUDGEMENTS}) {
            topics.put(deadLetter(topic), 1);
        }
        return topics;
    }
}
