package io.evalwatch.sandbox.isolation;

import io.evalwatch.sandbox.config.SandboxConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What this host lacks for the configured isolation, found before anything runs. The trial run in
 * {@link Sandbox} then proves that the pieces found here actually work together.
 */
public final class HostCheck {

    private HostCheck() {
    }

    /** Problems that make isolated execution impossible; empty when every piece is there. */
    public static List<String> missing(SandboxConfig config, IsolationMode mode, long effectiveUid, int slots) {
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(Path.of(config.shell()))) {
            missing.add("no POSIX shell at " + config.shell() + " (evalwatch.sandbox.shell)");
        }
        missing.addAll(workDirProblems(config.workDir(), effectiveUid));
        if (mode == IsolationMode.NONE) {
            return missing;
        }
        if (!Files.isExecutable(Path.of(config.bwrap()))) {
            missing.add("bubblewrap not found at " + config.bwrap()
                    + " (apt-get install bubblewrap, or set evalwatch.sandbox.bwrap)");
        }
        if (effectiveUid == 0) {
            if (!Files.isExecutable(Path.of(config.setpriv()))) {
                missing.add("setpriv not found at " + config.setpriv()
                        + ": needed to drop from root to an unprivileged uid (util-linux; evalwatch.sandbox.setpriv)");
            }
            if (config.uidBase() <= 0 || (long) config.uidBase() + slots > Integer.MAX_VALUE) {
                missing.add("evalwatch.sandbox.uid-base=" + config.uidBase() + " is not an unprivileged uid range");
            }
        }
        return missing;
    }

    private static List<String> workDirProblems(Path workDir, long effectiveUid) {
        List<String> problems = new ArrayList<>();
        try {
            if (Files.isSymbolicLink(workDir)) {
                problems.add("work dir " + workDir + " is a symbolic link");
            } else if (Files.exists(workDir, LinkOption.NOFOLLOW_LINKS)) {
                Object owner = Files.getAttribute(workDir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
                if (((Number) owner).longValue() != effectiveUid) {
                    problems.add("work dir " + workDir + " belongs to uid " + owner + ", not to this service");
                }
            }
        } catch (IOException | UnsupportedOperationException e) {
            problems.add("cannot inspect work dir " + workDir + ": " + e.getMessage());
        }
        return problems;
    }

    /** The effective uid of this process, from /proc (the JDK has no portable call for it). */
    public static long effectiveUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Long.parseLong(line.substring(4).trim().split("\\s+")[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through: treat as unprivileged, the safe assumption
        }
        return -1;
    }
}
