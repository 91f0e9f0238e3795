package io.evalwatch.task.run;

/**
 * A suite's LLM judge cannot judge this run: it is not in the catalogue, declares no family, or shares its family
 * with a model under test. The request is well-formed but the suite and catalogue make it unprocessable: 422.
 */
public class JudgeRefusedException extends RuntimeException {

    public JudgeRefusedException(String message) {
        super(message);
    }
}
