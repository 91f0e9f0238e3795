package io.evalwatch.sandbox.isolation;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a results channel into records, one JSON object per line, as its bytes arrive. Nothing the code in the
 * sandbox writes there is trusted: lines that are not records are counted, overlong lines are cut off, and a
 * channel carrying more than any harness writes is refused.
 */
final class RecordParser {

    enum State { READING, ENDED, FLOODED }

    private static final int MAX_RECORD_BYTES = 1 << 20;
    /** Far above what a harness writes (a few hundred bytes per test), far below what would strain the heap. */
    private static final long MAX_CHANNEL_BYTES = 16L << 20;
    private static final ObjectMapper RECORDS = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final List<HarnessRecord> records = new ArrayList<>();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private boolean overlong;
    private long total;
    private int malformed;
    private State state = State.READING;

    /** Takes the next bytes of the channel; once it ended or flooded, the rest is ignored. */
    State feed(byte[] buffer, int offset, int n) {
        if (state != State.READING) {
            return state;
        }
        total += n;
        if (total > MAX_CHANNEL_BYTES) {
            malformed++;
            state = State.FLOODED;
            return state;
        }
        for (int k = offset; k < offset + n; k++) {
            byte b = buffer[k];
            if (b != '\n') {
                if (line.size() < MAX_RECORD_BYTES) {
                    line.write(b);
                } else {
                    overlong = true;
                }
                continue;
            }
            if (overlong) {
                malformed++;
            } else if (line.size() > 0) {
                parse(line.toByteArray());
            }
            line.reset();
            overlong = false;
            if (state == State.ENDED) {
                break;
            }
        }
        return state;
    }

    private void parse(byte[] bytes) {
        try {
            HarnessRecord record = RECORDS.readValue(bytes, HarnessRecord.class);
            if (record.e() == null) {
                malformed++;
            } else {
                records.add(record);
                if ("end".equals(record.e())) {
                    state = State.ENDED;
                }
            }
        } catch (IOException notARecord) {
            malformed++;
        }
    }

    List<HarnessRecord> records() {
        return List.copyOf(records);
    }

    int malformed() {
        return malformed;
    }
}
