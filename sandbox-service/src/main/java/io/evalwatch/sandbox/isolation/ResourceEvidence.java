package io.evalwatch.sandbox.isolation;

/**
 * What the kernel counted for one run: times an allocation hit the memory limit, processes the OOM killer
 * killed, forks refused by the process limit, and the peak memory of the whole process tree.
 */
public record ResourceEvidence(long memoryLimitHits, long oomKills, long processLimitHits, long peakMemoryBytes) {

    public static ResourceEvidence unmeasured() {
        return new ResourceEvidence(0, 0, 0, 0);
    }
}
