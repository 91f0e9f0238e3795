package io.evalwatch.simulator.answer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Compiles Python source with the local python3, for tests that check what a mutation claims to be. */
final class Python {

    private Python() {
    }

    static boolean compiles(String source) {
        try {
            Process process = new ProcessBuilder("python3", "-I", "-c",
                    "import sys; compile(sys.stdin.read(), '<answer>', 'exec')")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(source.getBytes(StandardCharsets.UTF_8));
            }
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("python3 did not answer");
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            throw new IllegalStateException("python3 is needed by this test", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
