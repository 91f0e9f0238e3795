package io.evalwatch.generator.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.events.GenerationError.Reasons;
import io.evalwatch.events.Usage;
import io.evalwatch.generator.config.ApiKey;
import io.evalwatch.generator.config.ConfiguredModel;
import io.evalwatch.generator.config.ProviderKind;
import io.evalwatch.generator.prompt.ChatMessage;
import io.evalwatch.generator.prompt.ChatPrompt;
import io.evalwatch.generator.secrets.SecretRedactor;
import io.evalwatch.generator.testing.StubVendor;
import io.evalwatch.generator.tokens.TokenCounter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The HTTP side against a scripted vendor on loopback: classification, timing, redaction. */
class VendorClientTest {

    private static final String KEY = "sk-vendorclient-test-5c1d2e3f4a";
    private static final ChatPrompt PROMPT = new ChatPrompt(List.of(new ChatMessage("user", "Write add(a, b).")));
    private static StubVendor vendor;
    private final VendorClient client = new VendorClient();

    @BeforeAll
    static void start() throws Exception {
        vendor = new StubVendor();
        SecretRedactor.instance().register(KEY);
    }

    @AfterAll
    static void stop() {
        vendor.close();
    }

    private static ConfiguredModel model(String script, ProviderKind provider, Duration timeout) {
        return new ConfiguredModel(ModelConfigs.scripted(script, script, provider, URI.create(vendor.baseUrl()), true,
                timeout), ApiKey.of(KEY), "hash");
    }

    @Test
    void measuresTheFirstTokenAndReadsTheWholeOpenAiStream() throws Exception {
        client.send(model("ok", ProviderKind.OPENAI, Duration.ofSeconds(5)), PROMPT, 1); // warm the connection
        Attempt a = client.send(model("ok", ProviderKind.OPENAI, Duration.ofSeconds(5)), PROMPT, 2);
        assertTrue(a.answered(), String.valueOf(a.failure()));
        assertEquals(200, a.httpStatus());
        assertEquals("req-ok-2-0", a.requestId());
        assertEquals(new Usage(StubVendor.PROMPT_TOKENS, StubVendor.TOKENS), a.usage());
        assertFalse(a.usageEstimated());
        assertEquals("```python\ndef add(a, b):\n    return a + b\n```", a.transcript().text());
        assertEquals("fp_stub", a.transcript().systemFingerprint());
        assertTrue(a.endNanos() >= a.transcript().content().get(StubVendor.TOKENS - 1).arrivedNanos());
    }

    @Test
    void theFirstTokenIsStampedWhenItArrivesNotWhenTheStreamEnds() throws Exception {
        ConfiguredModel lateTail = model("late-tail", ProviderKind.OPENAI, Duration.ofSeconds(10));
        Attempt a = client.send(lateTail, PROMPT, 6);
        assertTrue(a.answered(), String.valueOf(a.failure()));
        long first = a.transcript().content().get(0).arrivedNanos();
        assertTrue((first - a.startNanos()) / 1e6 >= StubVendor.TTFT_MS, "no first token before the vendor sent one");
        // ordered, not timed to the millisecond: the vendor sends the rest a second after the first token, so a
        // stamp taken before the last token even left can only be the first token's own arrival (a client stamping
        // at the end of the stream cannot pass, a correct one fails only if its reader stalls for a whole second)
        assertTrue(first < vendor.lastTokenSentNanos(), "the first token was stamped "
                + (first - vendor.lastTokenSentNanos()) / 1e6 + " ms after the last token was sent");
        assertTrue(a.endNanos() >= vendor.lastTokenSentNanos());
    }

    @Test
    void readsTheAnthropicStream() throws Exception {
        Attempt a = client.send(model("ok", ProviderKind.ANTHROPIC, Duration.ofSeconds(5)), PROMPT, 3);
        assertTrue(a.answered(), String.valueOf(a.failure()));
        assertEquals(new Usage(StubVendor.PROMPT_TOKENS, StubVendor.TOKENS), a.usage());
        assertEquals("ok-20250101", a.transcript().responseModel());
        assertEquals(StubVendor.TOKENS, a.transcript().content().size());
    }

    @Test
    void aRateLimitCarriesTheWaitTheVendorAskedFor() throws Exception {
        Attempt a = client.send(model("limited-once", ProviderKind.OPENAI, Duration.ofSeconds(5)), PROMPT, 4);
        assertEquals(Reasons.RATE_LIMITED, a.failure().reason());
        assertEquals(429, a.failure().httpStatus());
        assertEquals(Duration.ofMillis(50), a.failure().retryAfter());
        assertTrue(a.failure().retryable());
        assertFalse(a.failure().vendorTrouble());
        assertEquals(Usage.zero(), a.usage());
        assertTrue(a.failure().message().contains("Rate limit reached"), a.failure().message());
    }

    @Test
    void aStreamThatStopsShortIsRetryableAndStillBilled() throws Exception {
        Attempt a = client.send(model("cut-once", ProviderKind.OPENAI, Duration.ofSeconds(5)), PROMPT, 5);
        assertFalse(a.answered());
        assertTrue(a.failure().retryable());
        assertTrue(a.usageEstimated());
        TokenCounter counter = TokenCounter.of(model("cut-once", ProviderKind.OPENAI, Duration.ofSeconds(5)).config());
        assertEquals(counter.count(String.join("", StubVendor.ANSWER.subList(0, 3))), a.usage().outputTokens(),
                "the text received, counted with the model's tokenizer");
        assertEquals(counter.count(PROMPT), a.usage().inputTokens());
        assertTrue(a.usage().estimated());
    }

    @Test
    void serverErrorsCountAgainstTheVendor() throws Exception {
        Attempt a = client.send(model("always-500", ProviderKind.OPENAI, Duration.ofSeconds(5)), PROMPT, 6);
        assertEquals(Reasons.SERVER_ERROR, a.failure().reason());
        assertTrue(a.failure().vendorTrouble());
        assertTrue(a.failure().retryable());
    }

    @Test
    void anEchoedKeyNeverReachesTheMessage() throws Exception {
        for (ProviderKind provider : ProviderKind.values()) {
            Attempt a = client.send(model("echo-key", provider, Duration.ofSeconds(5)), PROMPT, 7);
            assertEquals(Reasons.REFUSED, a.failure().reason());
            assertEquals(401, a.failure().httpStatus());
            assertFalse(a.failure().retryable());
            assertFalse(a.failure().message().contains(KEY), a.failure().message());
            assertTrue(a.failure().message().contains("Incorrect API key provided: "), a.failure().message());
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES) // a client that ignored its timeout would wait for good: fail, not hang
    void anAnswerSlowerThanTheTimeoutIsATimeout() throws Exception {
        // the stub never answers "slow": only the client's own 300 ms timeout can end the call, however loaded the host
        Attempt a = client.send(model("slow", ProviderKind.OPENAI, Duration.ofMillis(300)), PROMPT, 8);
        assertEquals(Reasons.TIMEOUT, a.failure().reason());
    }

    @Test
    void aChunkThatIsNotJsonIsABadResponse() throws Exception {
        Attempt a = client.send(model("garbage", ProviderKind.OPENAI, Duration.ofSeconds(5)), PROMPT, 9);
        assertEquals(Reasons.BAD_RESPONSE, a.failure().reason());
        assertTrue(a.failure().message().contains("not JSON"), a.failure().message());
    }

    @Test
    void aRefusalIsFinalAndBilled() throws Exception {
        Attempt a = client.send(model("refuse", ProviderKind.OPENAI, Duration.ofSeconds(5)), PROMPT, 10);
        assertEquals(Reasons.REFUSED, a.failure().reason());
        assertFalse(a.failure().retryable());
        assertEquals(new Usage(StubVendor.PROMPT_TOKENS, 6), a.usage());
        assertEquals("I can't help with that.", a.transcript().refusal());
    }

    @Test
    void nothingListeningIsAConnectionError() throws Exception {
        ConfiguredModel closed = new ConfiguredModel(ModelConfigs.scripted("x", "ok", ProviderKind.OPENAI,
                URI.create("http://127.0.0.1:" + io.evalwatch.localstack.FreePorts.next() + "/v1"), true,
                Duration.ofSeconds(2)), ApiKey.none(), "h");
        Attempt a = client.send(closed, PROMPT, 11);
        assertEquals(Reasons.CONNECTION, a.failure().reason());
        assertTrue(a.failure().retryable());
        assertNull(a.httpStatus());
    }
}
