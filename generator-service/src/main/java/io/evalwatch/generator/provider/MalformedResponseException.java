package io.evalwatch.generator.provider;

/** A response that does not follow its protocol (not JSON, missing fields). */
public class MalformedResponseException extends RuntimeException {

    public MalformedResponseException(String message) {
        super(message);
    }
}
