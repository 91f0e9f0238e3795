package io.evalwatch.generator.provider;

import io.evalwatch.generator.config.ModelConfig;
import io.evalwatch.generator.config.Prices;
import io.evalwatch.generator.config.ProviderKind;
import io.evalwatch.generator.prompt.PromptTemplate;
import java.net.URI;
import java.time.Duration;

/** Model configurations for protocol and client tests. */
public final class ModelConfigs {

    private ModelConfigs() {
    }

    public static ModelConfig openai(String name, boolean stream) {
        return of(name, ProviderKind.OPENAI, URI.create("http://127.0.0.1:1/v1"), stream, Duration.ofSeconds(5));
    }

    public static ModelConfig anthropic(String name, boolean stream) {
        return of(name, ProviderKind.ANTHROPIC, URI.create("http://127.0.0.1:1/v1"), stream, Duration.ofSeconds(5));
    }

    public static ModelConfig of(String name, ProviderKind provider, URI endpoint, boolean stream, Duration timeout) {
        return scripted(name, "model-id", provider, endpoint, stream, timeout);
    }

    /** A model whose id picks a StubVendor script. */
    public static ModelConfig scripted(String name, String modelId, ProviderKind provider, URI endpoint, boolean stream,
            Duration timeout) {
        return new ModelConfig(name, provider, endpoint, modelId, "TEST_KEY", new Prices(3.0, 15.0), 4, null, null,
                timeout, 0.5, 256, null, PromptTemplate.DEFAULT, stream, "2023-06-01");
    }
}
