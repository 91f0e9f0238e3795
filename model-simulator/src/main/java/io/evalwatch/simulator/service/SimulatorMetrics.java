package io.evalwatch.simulator.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.TimeUnit;

/** The simulator's own counters: requests by model and status, answers by kind, prompts of no known task. */
@ApplicationScoped
public class SimulatorMetrics {

    private final MeterRegistry meters;

    public SimulatorMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    public void request(String api, String model, int status) {
        Counter.builder("evalwatch.simulator.requests")
                .description("Requests to the simulated vendor APIs by model and HTTP status")
                .tag("api", api)
                .tag("model", model == null ? "none" : model)
                .tag("status", String.valueOf(status))
                .register(meters)
                .increment();
    }

    public void answer(String model, String version, String decided, String delivered) {
        Counter.builder("evalwatch.simulator.answers")
                .description("Answers by the kind the truth decided and the kind delivered")
                .tag("model", model)
                .tag("version", version)
                .tag("decided", decided)
                .tag("delivered", delivered)
                .register(meters)
                .increment();
    }

    /** How late the first token of a stream was written compared with its due time: the pacing's own error. */
    public void firstTokenLateness(String model, long nanos) {
        Timer.builder("evalwatch.simulator.first.token.lateness")
                .description("Delay between a stream's first token being due and being written")
                .tag("model", model)
                .publishPercentiles(0.5, 0.99)
                .register(meters)
                .record(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }

    public void unknownPrompt(String model) {
        Counter.builder("evalwatch.simulator.unknown.prompts")
                .description("Requests whose prompt matched no known task (answered with a generic reply)")
                .tag("model", model)
                .register(meters)
                .increment();
    }
}
