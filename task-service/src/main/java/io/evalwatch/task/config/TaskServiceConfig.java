package io.evalwatch.task.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Where task-service finds the golden suites, the model catalogue and the scheduled monitors. */
@ConfigMapping(prefix = "evalwatch")
public interface TaskServiceConfig {

    /** The repository root; the build passes it to tests, and nothing in task-service needs it. */
    Optional<String> root();

    Suites suites();

    Models models();

    /** Limits that protect the pipeline from a run request that is larger than intended. */
    Runs runs();

    Monitors monitors();

    /** Where suite environments are built: sandbox-service, asked at run start. */
    Sandbox sandbox();

    /** The probes a run may ask for among its variants. */
    Probes probes();

    interface Suites {
        /** Folder holding one sub-folder per suite (suite.yaml + tasks/*.yaml). */
        @WithDefault("suites")
        String dir();
    }

    interface Models {
        /** The models.yaml shared with generator-service; only model names are read here. */
        @WithDefault("config/models.yaml")
        String file();
    }

    interface Runs {
        @WithDefault("20")
        int maxSamples();

        @WithDefault("50000")
        int maxItems();
    }

    interface Monitors {
        /** The monitors.yaml of scheduled drift checks; a missing file means no monitors. */
        @WithDefault("config/monitors.yaml")
        String file();

        /**
         * A monitor's run that has not completed after this long no longer blocks the monitor's next fire: its
         * completion was lost or the pipeline stalled, and a missed weekly check is worse than an overlap.
         */
        @WithDefault("6h")
        Duration staleAfter();
    }

    interface Sandbox {
        /** sandbox-service's base URL. */
        @WithDefault("http://127.0.0.1:8083")
        String url();

        /**
         * How long a run request waits for its environment to be built; past it the request is answered 503 with
         * Retry-After while the build goes on. Kept well under the 60 s a request's transaction may last.
         */
        @WithDefault("45s")
        Duration buildWait();
    }

    interface Probes {

        LongContext longContext();

        /** The long-context position probe (variant long-context): its context sizes and needles per cell. */
        interface LongContext {
            /** Context sizes in cl100k_base tokens; each makes five cells (the needle at 10 % ... 90 %). */
            @WithDefault("2000,4000")
            List<Integer> sizes();

            /** Needles (corpus functions to find) per cell, so items per model and sample = sizes × 5 × needles. */
            @WithDefault("10")
            int needles();
        }
    }
}
