package io.evalwatch.simulator.service;

import io.evalwatch.simulator.answer.SimulatedAnswer;
import io.evalwatch.simulator.service.ModelRegistry.ActiveModel;
import io.evalwatch.simulator.task.SimTask;
import io.evalwatch.simulator.truth.VendorTrouble;

import java.util.List;

/** What the simulator does with a chat request: refuse an unknown model, simulate vendor trouble, or reply. */
public sealed interface Outcome {

    record UnknownModel(String model) implements Outcome {
    }

    record Trouble(ActiveModel model, VendorTrouble trouble, int retryAfterSeconds) implements Outcome {
    }

    /**
     * A reply: the text as tokens (joined they give content), when the first token is due (ms after the request
     * arrived) and the pace of the rest. task and answer are null when the prompt matched no known task.
     */
    record Reply(ActiveModel model, long seed, SimTask task, SimulatedAnswer answer, String content,
                 List<String> tokens, boolean truncated, double ttftMillis, double tokensPerSecond,
                 int promptTokens) implements Outcome {

        /** When the last token is due, in ms after the request arrived. */
        public double durationMillis() {
            return ttftMillis + Math.max(0, tokens.size() - 1) * 1000.0 / tokensPerSecond;
        }

        public String finishReason() {
            return truncated ? "length" : "stop";
        }
    }
}
