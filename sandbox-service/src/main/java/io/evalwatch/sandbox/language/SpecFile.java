package io.evalwatch.sandbox.language;

import io.evalwatch.events.TestCase;
import io.evalwatch.sandbox.execution.ExecutionRequest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The input file every harness reads: a header line, then fields as {@code <byte length>\n<bytes>\n} (entry
 * point, has-raw-output flag, raw output, code, test count, then name and code of each test). Length-prefixed
 * so that no content needs escaping and the harness needs no JSON parser at start-up.
 */
public final class SpecFile {

    public static final String NAME = "spec";
    static final String HEADER = "EVALWATCH-SPEC 1\n";

    private SpecFile() {
    }

    public static byte[] encode(ExecutionRequest request) {
        return encode(request.entryPoint(), request.rawOutput(), request.code(), request.tests());
    }

    public static byte[] encode(String entryPoint, String rawOutput, String code, List<TestCase> tests) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(HEADER.getBytes(StandardCharsets.US_ASCII));
        field(out, entryPoint);
        field(out, rawOutput == null ? "0" : "1");
        field(out, rawOutput == null ? "" : rawOutput);
        field(out, code);
        field(out, Integer.toString(tests.size()));
        for (TestCase test : tests) {
            field(out, test.name());
            field(out, test.code());
        }
        return out.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, String value) {
        byte[] bytes = (value == null ? "" : value).getBytes(StandardCharsets.UTF_8);
        out.writeBytes((bytes.length + "\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(bytes);
        out.write('\n');
    }
}
