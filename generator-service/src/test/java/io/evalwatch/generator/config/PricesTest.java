package io.evalwatch.generator.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.evalwatch.events.Usage;
import org.junit.jupiter.api.Test;

class PricesTest {

    @Test
    void costIsTokensTimesPricePerMillion() {
        Prices prices = new Prices(3.00, 15.00);
        assertEquals(0.0, prices.costOf(Usage.zero()));
        // 1200 in at $3/M = 0.0036, 350 out at $15/M = 0.00525
        assertEquals(0.00885, prices.costOf(new Usage(1200, 350)), 1e-15);
        assertEquals(18.0, prices.costOf(new Usage(1_000_000, 1_000_000)), 1e-12);
    }

    @Test
    void retriedAttemptsAddUp() {
        Prices prices = new Prices(0.25, 1.25);
        Usage first = new Usage(400, 20);   // cut off mid-stream
        Usage second = new Usage(400, 120); // answered
        Usage item = new Usage(first.inputTokens() + second.inputTokens(), first.outputTokens() + second.outputTokens());
        assertEquals(prices.costOf(first) + prices.costOf(second), prices.costOf(item), 1e-15);
        assertEquals((800 * 0.25 + 140 * 1.25) / 1e6, prices.costOf(item), 1e-15);
    }

    @Test
    void cachedInputAndReasoningHaveTheirOwnPricesAndFallBackToInputAndOutput() {
        Prices own = new Prices(3.00, 15.00, 0.30, 3.75, 20.00);
        // 1000 in, of which 600 read from and 300 written to the cache; 500 out, of which 200 reasoning
        Usage usage = new Usage(1000, 500, 600, 300, 200, false);
        assertEquals((100 * 3.00 + 600 * 0.30 + 300 * 3.75 + 300 * 15.00 + 200 * 20.00) / 1e6, own.costOf(usage), 1e-15);
        Prices plain = new Prices(3.00, 15.00);
        assertEquals(plain.costOf(new Usage(1000, 500)), plain.costOf(usage), 1e-15);
    }
}
