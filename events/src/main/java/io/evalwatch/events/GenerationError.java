package io.evalwatch.events;

/** Why a generation finally failed, after retries. reason is one of {@link Reasons}. */
public record GenerationError(String reason, String message, Integer httpStatus, int attempts) {

    /** The failure reasons a generation can end with. */
    public static final class Reasons {
        public static final String RATE_LIMITED = "rate_limited";
        public static final String TIMEOUT = "timeout";
        public static final String SERVER_ERROR = "server_error";
        public static final String REFUSED = "refused";
        public static final String BAD_RESPONSE = "bad_response";
        public static final String CONNECTION = "connection_error";
        /** The endpoint answered as a different model than the one asked for, and the id is not an alias. */
        public static final String MODEL_MISMATCH = "model_mismatch";

        private Reasons() {
        }
    }
}
