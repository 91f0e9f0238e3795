package io.evalwatch.simulator.service;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OpenRequestsTest {

    @Test
    void countsOpenRequestsPerModelAndKeepsThePeakUntilReset() {
        OpenRequests open = new OpenRequests();
        Runnable a = open.open("m");
        Runnable b = open.open("m");
        Runnable c = open.open("other");
        a.run();
        a.run(); // closing twice (end and connection close) counts once
        assertEquals(Map.of("m", new OpenRequests.Count(1, 2), "other", new OpenRequests.Count(1, 1)), open.counts());
        b.run();
        c.run();
        open.resetPeaks();
        assertEquals(new OpenRequests.Count(0, 0), open.counts().get("m"));
        Runnable d = open.open("m");
        assertEquals(new OpenRequests.Count(1, 1), open.counts().get("m"));
        d.run();
    }
}
