package io.evalwatch.reporting.validity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How healthy one model's items in a run were, and whether that makes the run fit to judge the model. A run that is
 * not is flagged invalid: its problems are the pipeline's, the endpoint's or the configuration's, not a regression of
 * the model, so it is kept out of references, statistics and the frontier.
 *
 * @param expected items the run dispatched for the model (and variant)
 * @param received items stored (scored or errored)
 * @param providerErrors items whose model call finally failed
 * @param pipelineErrors items dead-lettered by a stage
 * @param noCode answers without code
 */
public record RunHealth(int expected, int received, int providerErrors, int pipelineErrors, int noCode) {

    /** The problems that make the run invalid under a policy; empty when it is valid. */
    public List<String> problems(ValidityPolicy policy) {
        List<String> problems = new ArrayList<>();
        if (expected <= 0) {
            problems.add("no items were expected of this model: the run announced none");
            return problems;
        }
        int missing = Math.max(0, expected - received);
        check(problems, missing, policy.maxMissingRate(), "missing items", "%d of %d expected items never arrived"
                + " (limit %s): a stage lost them or the run was cut short");
        check(problems, pipelineErrors, policy.maxPipelineErrorRate(), "pipeline errors", "%d of %d items could not"
                + " be processed by evalwatch's own stages (limit %s): see the dead-letter topics and service logs");
        check(problems, providerErrors, policy.maxProviderErrorRate(), "provider errors", "%d of %d model calls"
                + " finally failed (limit %s): the endpoint, its key or its rate limits, not the model's answers");
        check(problems, noCode, policy.maxNoCodeRate(), "no code", "%d of %d answers held no code (limit %s): the"
                + " endpoint does not know these prompts (a simulator that has not loaded the suite), the prompt"
                + " template is wrong, or the model refused");
        return problems;
    }

    public boolean valid(ValidityPolicy policy) {
        return problems(policy).isEmpty();
    }

    /** The figures and the verdict, as stored with the run and shown in reports. */
    public Map<String, Object> evidence(ValidityPolicy policy) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("expected", expected);
        e.put("received", received);
        e.put("providerErrors", providerErrors);
        e.put("pipelineErrors", pipelineErrors);
        e.put("noCode", noCode);
        List<String> problems = problems(policy);
        e.put("valid", problems.isEmpty());
        e.put("problems", problems);
        return e;
    }

    private void check(List<String> problems, int count, double maxRate, String what, String pattern) {
        double rate = count / (double) expected;
        if (count > 0 && rate > maxRate) {
            problems.add(what + ": " + String.format(Locale.ROOT, pattern, count, expected,
                    String.format(Locale.ROOT, "%.0f%%", 100 * maxRate)));
        }
    }
}
