package io.evalwatch.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * CPU hogs on the generator's "host" while the stand-in vendor runs elsewhere. On this machine both are processes
 * of one host, so busy loops spread over every CPU would slow the simulator's timers too and make the vendor look
 * slower, which a real vendor on its own hardware would not. When the tests may use two CPUs or more, the hogs and
 * generator-service share the first one and the simulator gets the others ({@code taskset}, per thread); closing
 * kills the hogs and gives both processes every CPU back. With a single CPU nothing is pinned.
 */
final class HostLoad implements AutoCloseable {

    private final List<Process> hogs = new ArrayList<>();
    private final List<Long> pinned = new ArrayList<>();
    private final String allCpus;

    private HostLoad(String allCpus) {
        this.allCpus = allCpus;
    }

    /** Starts {@code hogs} busy loops on the CPU of the process {@code loadedPid}, away from {@code vendorPid}. */
    static HostLoad start(int hogs, long loadedPid, long vendorPid) throws IOException {
        List<Integer> cpus = allowedCpus();
        HostLoad load = new HostLoad(list(cpus));
        try {
            List<String> hog = new ArrayList<>(List.of("sh", "-c", "while :; do :; done"));
            if (cpus.size() > 1) {
                String loaded = Integer.toString(cpus.get(0));
                load.pin(loadedPid, loaded);
                load.pin(vendorPid, list(cpus.subList(1, cpus.size())));
                hog.addAll(0, List.of("taskset", "-c", loaded));
            }
            for (int i = 0; i < hogs; i++) {
                load.hogs.add(new ProcessBuilder(hog).redirectErrorStream(true).start());
            }
            return load;
        } catch (IOException | RuntimeException e) {
            load.close();
            throw e;
        }
    }

    @Override
    public void close() {
        for (Process hog : hogs) {
            hog.destroyForcibly();
        }
        for (Process hog : hogs) {
            try {
                hog.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (long pid : pinned) {
            taskset(pid, allCpus);
        }
    }

    private void pin(long pid, String cpus) {
        pinned.add(pid);
        taskset(pid, cpus);
    }

    /** Sets the CPUs of every thread of a process (threads started later inherit their creator's). */
    private static void taskset(long pid, String cpus) {
        try {
            Process p = new ProcessBuilder("taskset", "-a", "-p", "-c", cpus, Long.toString(pid))
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException("taskset -a -p -c " + cpus + " " + pid + " failed: " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pinning " + pid, e);
        }
    }

    /** The CPUs this process may run on, from /proc/self/status ("0-1,4"). */
    static List<Integer> allowedCpus() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("Cpus_allowed_list:")) {
                List<Integer> cpus = new ArrayList<>();
                for (String range : line.substring(line.indexOf(':') + 1).trim().split(",")) {
                    String[] ends = range.split("-");
                    int from = Integer.parseInt(ends[0].trim());
                    int to = Integer.parseInt(ends[ends.length - 1].trim());
                    for (int cpu = from; cpu <= to; cpu++) {
                        cpus.add(cpu);
                    }
                }
                return cpus;
            }
        }
        throw new IllegalStateException("no Cpus_allowed_list in /proc/self/status");
    }

    private static String list(List<Integer> cpus) {
        return String.join(",", cpus.stream().map(String::valueOf).toList());
    }
}
