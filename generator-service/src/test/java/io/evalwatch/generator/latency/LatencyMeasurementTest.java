package io.evalwatch.generator.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.evalwatch.events.Timings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyMeasurementTest {

    private static final long MS = 1_000_000;

    @Test
    void aStreamPacedLikeTheSimulatorGivesItsSettingsBack() {
        // request at 1000 ms; 50 tokens, the first at +200 ms, then one every 20 ms (50 tokens/s); body ends 1 ms later
        long start = 1000 * MS;
        List<Long> arrivals = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            arrivals.add(start + 200 * MS + i * 20 * MS);
        }
        long end = arrivals.get(49) + MS;
        Timings t = LatencyMeasurement.of(0.25, start, end, arrivals, 50, true, HostLag.UNKNOWN);
        assertEquals(0.25, t.queueSeconds());
        assertEquals(0.200, t.ttftSeconds(), 1e-12);
        assertEquals(0.200 + 49 * 0.020 + 0.001, t.durationSeconds(), 1e-12);
        assertEquals(0.020, t.interTokenP50Seconds(), 1e-12);
        assertEquals(0.020, t.interTokenP95Seconds(), 1e-12);
        assertEquals(50.0, t.outputTokensPerSecond(), 1e-9);
    }

    @Test
    void interTokenPercentilesInterpolateLikeNumpy() {
        // gaps 10, 20, 30, 40, 100 ms: p50 = 30 ms, p95 = 40 + 0.8 * 60 = 88 ms
        List<Long> arrivals = List.of(0L, 10 * MS, 30 * MS, 60 * MS, 100 * MS, 200 * MS);
        Timings t = LatencyMeasurement.of(0, 0, 200 * MS, arrivals, 6, true, HostLag.UNKNOWN);
        assertEquals(0.030, t.interTokenP50Seconds(), 1e-12);
        assertEquals(0.088, t.interTokenP95Seconds(), 1e-12);
    }

    @Test
    void chunksCarryingSeveralTokensShareTheCountEvenly() {
        // 4 chunks 100 ms apart carrying 40 tokens: 30 tokens came after the first chunk, over 300 ms
        List<Long> arrivals = List.of(0L, 100 * MS, 200 * MS, 300 * MS);
        assertEquals(100.0, LatencyMeasurement.of(0, 0, 300 * MS, arrivals, 40, true, HostLag.UNKNOWN)
                .outputTokensPerSecond(), 1e-9);
    }

    @Test
    void aNonStreamedAnswerHasNoTtftAndARateOverTheWholeDuration() {
        Timings t = LatencyMeasurement.of(0, 0, 2000 * MS, List.of(2000 * MS), 100, false, HostLag.UNKNOWN);
        assertNull(t.ttftSeconds());
        assertNull(t.interTokenP50Seconds());
        assertEquals(2.0, t.durationSeconds());
        assertEquals(50.0, t.outputTokensPerSecond(), 1e-9);
    }

    @Test
    void hostLagIsReadBetweenTheStartAndTheFirstTokenOrTheEndOfAnUnstreamedBody() {
        List<long[]> asked = new ArrayList<>();
        HostLag recording = (start, first) -> {
            asked.add(new long[] {start, first});
            return (first - start) / 1e9 / 100;
        };
        List<Long> arrivals = List.of(200 * MS, 220 * MS, 240 * MS);
        assertEquals(0.002, LatencyMeasurement.of(0, 0, 250 * MS, arrivals, 3, true, recording).hostLagSeconds(),
                1e-12);
        assertEquals(0.0025, LatencyMeasurement.of(0, 0, 250 * MS, List.of(), 3, false, recording).hostLagSeconds(),
                1e-12);
        assertEquals(200 * MS, asked.get(0)[1]);
        assertEquals(250 * MS, asked.get(1)[1]);
        assertNull(LatencyMeasurement.of(0, 0, 250 * MS, arrivals, 3, true, HostLag.UNKNOWN).hostLagSeconds());
    }

    @Test
    void aSingleChunkHasTtftButNoRate() {
        Timings t = LatencyMeasurement.of(0, 0, 300 * MS, List.of(250 * MS), 1, true, HostLag.UNKNOWN);
        assertEquals(0.25, t.ttftSeconds(), 1e-12);
        assertNull(t.outputTokensPerSecond());
        assertNull(t.interTokenP95Seconds());
    }
}
