package io.evalwatch.generator.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Starts a {@link StubVendor} and points the generator at a catalogue of models scripted on it. */
public class StubVendorResource implements QuarkusTestResourceLifecycleManager {

    /** The key the catalogue's models use; tests check that it never leaves the process. */
    public static final String PLANTED_KEY = "sk-planted-quarkustest-9e8d7c6b5a41";

    private StubVendor vendor;

    @Override
    public Map<String, String> start() {
        try {
            vendor = new StubVendor();
            Path catalogue = Files.createTempFile("evalwatch-models", ".yaml");
            StringBuilder yaml = new StringBuilder("models:\n");
            model(yaml, "stub-openai", "openai", "ok");
            model(yaml, "stub-anthropic", "anthropic", "ok");
            model(yaml, "stub-limited", "openai", "limited-once");
            model(yaml, "stub-cut", "anthropic", "cut-once");
            model(yaml, "stub-down", "openai", "always-500");
            model(yaml, "stub-echo", "openai", "echo-key");
            model(yaml, "stub-judge", "openai", "judge-4");
            Files.writeString(catalogue, yaml);
            return Map.of("evalwatch.models.file", catalogue.toString(), "STUB_VENDOR_API_KEY", PLANTED_KEY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void model(StringBuilder yaml, String name, String provider, String script) {
        yaml.append("  - name: ").append(name).append('\n')
                .append("    provider: ").append(provider).append('\n')
                .append("    endpoint: ").append(vendor.baseUrl()).append('\n')
                .append("    model_id: ").append(script).append('\n')
                .append("    api_key_env: STUB_VENDOR_API_KEY\n")
                .append("    price_per_million_tokens: {input: 2.0, output: 10.0}\n")
                .append("    max_concurrency: 4\n")
                .append("    timeout_seconds: 5\n")
                .append("    max_tokens: 64\n");
    }

    @Override
    public void stop() {
        if (vendor != null) {
            vendor.close();
        }
    }
}
