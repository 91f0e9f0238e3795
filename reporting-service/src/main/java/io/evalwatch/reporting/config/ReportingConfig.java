package io.evalwatch.reporting.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

/** Drift decision thresholds and where alerts are delivered. */
@ConfigMapping(prefix = "evalwatch")
public interface ReportingConfig {

    /** The repository root; the build passes it to tests, and nothing in reporting-service needs it. */
    Optional<String> root();

    Drift drift();

    Alerts alerts();

    Console console();

    /** The web console served under /console (console/). */
    interface Console {
        /**
         * Where people reach the console, for links that leave the service: alert notifications (the Slack text),
         * Grafana's data links and Alertmanager's annotations carry the same address.
         */
        @WithDefault("http://127.0.0.1:8085/console")
        String baseUrl();
    }

    Validity validity();

    Composite composite();

    Runs runs();

    Progress progress();

    /** How long an ended run keeps its progress rows per item (see progress/StagePruner). */
    interface Progress {
        /** An ended run's per-item stage rows go this long after it ended; its counts per stage stay on its row. */
        @WithDefault("PT1H")
        Duration retention();

        /** How often ended runs are looked for. */
        @WithDefault("10m")
        String pruneEvery();
    }

    /** When a run that stopped making progress is ended as incomplete (see ledger/RunDeadlines). */
    interface Runs {
        /** A run with no new item for this long ends incomplete, its missing items listed. */
        @WithDefault("PT30M")
        Duration stallTimeout();

        /** How often running runs are checked for a stall. */
        @WithDefault("30s")
        String checkEvery();
    }

    /** Weights of the composite score's parts (see composite/CompositeScore), by default and per suite. */
    interface Composite {
        /** The weights of every suite without its own. */
        Weights weights();

        /** Per suite (by name): weights that replace the defaults; a weight left unset keeps the default. */
        Map<String, SuiteComposite> suites();
    }

    interface Weights {
        @WithName("pass-at-1")
        @WithDefault("0.40")
        double passAt1();

        /** Share of analysed answers without a type error. */
        @WithDefault("0.20")
        double typeErrors();

        /** Share of analysed answers without a security finding. */
        @WithDefault("0.20")
        double securityFindings();

        /** Share of answers no more complex than the reference solution. */
        @WithDefault("0.10")
        double complexityDelta();

        /** Share of reviewed answers that reviewers accepted. */
        @WithDefault("0.10")
        double humanAcceptRate();
    }

    interface SuiteComposite {
        SuiteWeights weights();
    }

    interface SuiteWeights {
        @WithName("pass-at-1")
        OptionalDouble passAt1();

        OptionalDouble typeErrors();

        OptionalDouble securityFindings();

        OptionalDouble complexityDelta();

        OptionalDouble humanAcceptRate();
    }

    interface Drift {
        /** Significance level of a regression decision (after Benjamini-Hochberg across comparisons). */
        @WithDefault("0.05")
        double alpha();

        /** Smallest drop in pass rate that is worth an alert. */
        @WithDefault("0.05")
        double minPassRateDrop();

        /** Smallest drop in mean weighted accuracy (-1..1) that is worth an alert. */
        @WithDefault("0.1")
        double minWeightedAccuracyDrop();

        /** Categories judged more strictly (security-sensitive work). */
        @WithDefault("security")
        Set<String> strictCategories();

        @WithDefault("0.10")
        double strictAlpha();

        @WithDefault("0.02")
        double strictMinDrop();

        /** A p95 latency this many times the baseline's is a latency regression. */
        @WithDefault("1.5")
        double latencyP95Ratio();

        /** A median time to first token this many seconds later is a latency regression (when significant). */
        @WithDefault("0.1")
        double ttftMedianShiftSeconds();

        /** A relative change of cost per item beyond this is a cost change. */
        @WithDefault("0.2")
        double costChangeRatio();

        /** A change of the fenced/prose/raw output rates beyond this is format drift. */
        @WithDefault("0.2")
        double formatRateChange();

        @WithDefault("2000")
        int bootstrapIterations();

        @WithDefault("42")
        long seed();

        /** Detection across a stream's checks; each unset value keeps StreamPolicy.defaults() (benchmarked). */
        Stream stream();

        /**
         * k: a drop must beat k times the noise floor's standard error (the consistency probe's repeats) as well as
         * the configured minimum; 0 leaves the noise floor out of the check.
         */
        @WithDefault("2")
        double noiseFloorMultiple();
    }

    /** Overrides of the stream detector's calibration window and limits (see drift/package-info.java). */
    interface Stream {
        /** Runs in the calibration window that fixes a stream's in-control level. */
        OptionalInt calibrationRuns();

        /** The CUSUM's allowance k, in standard errors. */
        OptionalDouble cusumAllowance();

        /** The CUSUM's alarm limit h. */
        OptionalDouble cusumLimit();

        /** The single-check limit L, in standard errors below the in-control level. */
        OptionalDouble shewhartLimit();
    }

    /** The health a run needs before any verdict is drawn from it (shares of a model's expected items). */
    interface Validity {
        /** Model calls that finally failed. */
        @WithDefault("0.10")
        double maxProviderErrorRate();

        /** Items dead-lettered by evalwatch's own stages. */
        @WithDefault("0.05")
        double maxPipelineErrorRate();

        /** Answers without code (an unknown prompt, a wrong template, refusals). */
        @WithDefault("0.50")
        double maxNoCodeRate();

        /** Expected items that never arrived. */
        @WithDefault("0.0")
        double maxMissingRate();
    }

    interface Alerts {
        /** Where drift alerts are posted as JSON; none when unset. */
        Optional<String> webhookUrl();

        /** json (evalwatch's own alert JSON) or slack (a Slack-compatible {"text": ...} body). */
        @WithDefault("json")
        String webhookFormat();
    }
}
