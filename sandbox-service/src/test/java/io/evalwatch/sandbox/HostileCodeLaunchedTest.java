package io.evalwatch.sandbox;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;

/** The hostile corpus again, with the fork servers off: every Python run launches setpriv, bubblewrap and Python. */
@QuarkusTest
@TestProfile(HostileCodeLaunchedTest.Launched.class)
class HostileCodeLaunchedTest extends HostileCodeTest {

    public static class Launched implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("evalwatch.sandbox.fork-server", "false");
        }
    }
}
