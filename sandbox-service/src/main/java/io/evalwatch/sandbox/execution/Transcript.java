package io.evalwatch.sandbox.execution;

import io.evalwatch.events.TestResult;
import io.evalwatch.sandbox.isolation.HarnessRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A harness's records read against the protocol every harness follows:
 * {@code hello, [raw], load, (start i, result i)*, done, end} with {@code evidence} and {@code lingering}
 * anywhere. A record out of place (a result for a test that never started, a second load, a test index out of
 * order) is dropped and counted as a violation, so code that writes to the channel cannot add or reorder
 * results, only stop them.
 */
public final class Transcript {

    static final Set<String> STATUSES = Set.of(TestResult.PASSED, TestResult.FAILED, TestResult.ERROR);
    private static final Set<String> EVIDENCE = Set.of("network", "process", "signal", "sensitive_file", "native_code");

    private boolean hello;
    private Boolean rawCompiles;
    private HarnessRecord load;
    private Integer running;
    private final List<HarnessRecord> results = new ArrayList<>();
    private final Map<String, String> evidence = new LinkedHashMap<>();
    private int lingering;
    private boolean done;
    private HarnessRecord end;
    private int violations;

    private Transcript() {
    }

    public static Transcript read(List<HarnessRecord> records, int testCount) {
        Transcript t = new Transcript();
        for (HarnessRecord record : records) {
            if (!t.accept(record, testCount)) {
                t.violations++;
            }
        }
        return t;
    }

    private boolean accept(HarnessRecord r, int testCount) {
        switch (r.e()) {
            case "hello":
                if (hello || load != null) {
                    return false;
                }
                hello = true;
                return true;
            case "raw":
                if (rawCompiles != null || load != null || r.compiles() == null) {
                    return false;
                }
                rawCompiles = r.compiles();
                return true;
            case "load":
                if (load != null || r.ok() == null) {
                    return false;
                }
                load = r;
                return true;
            case "start":
                if (!loaded() || done || running != null || r.i() == null || r.i() != results.size()
                        || r.i() >= testCount) {
                    return false;
                }
                running = r.i();
                return true;
            case "result":
                if (running == null || r.i() == null || !r.i().equals(running) || !STATUSES.contains(r.status())) {
                    return false;
                }
                results.add(r);
                running = null;
                return true;
            case "evidence":
                if (r.kind() == null || !EVIDENCE.contains(r.kind())) {
                    return false;
                }
                evidence.putIfAbsent(r.kind(), r.detail());
                return true;
            case "lingering":
                lingering = Math.max(lingering, r.count() == null ? 0 : r.count());
                return true;
            case "done":
                if (!loaded() || running != null || results.size() != testCount || done) {
                    return false;
                }
                done = true;
                return true;
            case "end":
                if (end != null) {
                    return false;
                }
                end = r;
                return true;
            default:
                return false;
        }
    }

    public boolean started() {
        return hello;
    }

    public Boolean rawCompiles() {
        return rawCompiles;
    }

    public HarnessRecord load() {
        return load;
    }

    public boolean loaded() {
        return load != null && Boolean.TRUE.equals(load.ok());
    }

    /** The test that had started and not finished when the records stopped. */
    public Integer running() {
        return running;
    }

    public List<HarnessRecord> results() {
        return results;
    }

    public Map<String, String> evidence() {
        return evidence;
    }

    public int lingering() {
        return lingering;
    }

    public boolean done() {
        return done;
    }

    public HarnessRecord end() {
        return end;
    }

    public int violations() {
        return violations;
    }
}
