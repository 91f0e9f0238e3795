package io.evalwatch.simulator.profile;

/** A profile file that cannot be used; the message names the file, the model and the field. */
public class ProfileFileException extends RuntimeException {

    public ProfileFileException(String message) {
        super(message);
    }

    public ProfileFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
