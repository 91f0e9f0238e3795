package io.evalwatch.sandbox.isolation;

import java.nio.file.Path;

/**
 * One of the worker slots: at most one run at a time uses it. Each has its own uid, its own input and
 * scratch directories and its own cgroups (null when the host has no usable cgroup controller).
 */
public record Slot(int index, int uid, Path inputDir, Path scratchDir, SlotCgroup cgroup) {
}
