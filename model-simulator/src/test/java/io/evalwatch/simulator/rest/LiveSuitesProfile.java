package io.evalwatch.simulator.rest;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The simulator on a suites folder of its own, in a fresh temporary directory, that tests add suites to. */
public class LiveSuitesProfile implements QuarkusTestProfile {

    static final Path SUITES = create();

    private static Path create() {
        try {
            Path dir = Files.createTempDirectory("simulator-suites-");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("simulator.suites-dir", SUITES.toString());
    }
}
