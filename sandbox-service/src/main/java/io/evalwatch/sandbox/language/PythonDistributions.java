package io.evalwatch.sandbox.language;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Whether a Python module a run could not import is a real, distributed package (so the environment lacks it:
 * missing_dependency) or exists nowhere (hallucinated_api). Asked of the host, cheaply, and remembered: the
 * host's full interpreter (not isolated, with its site-packages) can find it, or Debian's package index knows
 * {@code python3-<name>}. What neither knows counts as invented; on a host that reaches a package index, a
 * package only that index has is therefore still called hallucinated. The names come from generated code, which
 * may invent a new one in every answer, so only the most recently asked {@link #CAPACITY} are remembered.
 */
final class PythonDistributions {

    private static final Logger LOG = Logger.getLogger(PythonDistributions.class);
    private static final Pattern MODULE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String FIND = "import importlib.util, sys; sys.exit(0 if importlib.util.find_spec(sys.argv[1]) else 1)";

    /** Module names remembered; an answer is about 100 bytes, so at most some 400 KB. */
    static final int CAPACITY = 4096;

    private final Predicate<String> lookUp;
    private final Map<String, Boolean> known;

    PythonDistributions(String python) {
        this(module -> lookUp(python, module), CAPACITY);
    }

    PythonDistributions(Predicate<String> lookUp, int capacity) {
        this.lookUp = lookUp;
        this.known = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** @param module a top-level module name */
    boolean exists(String module) {
        if (module == null || !MODULE.matcher(module).matches()) {
            return false;
        }
        synchronized (known) {
            Boolean answer = known.get(module);
            if (answer != null) {
                return answer;
            }
        }
        // asked outside the lock: a look-up starts processes, and other slots must not wait for it
        boolean answer = lookUp.test(module);
        synchronized (known) {
            known.put(module, answer);
        }
        return answer;
    }

    /** How many names are remembered now. */
    int remembered() {
        synchronized (known) {
            return known.size();
        }
    }

    private static boolean lookUp(String python, String module) {
        String debian = "python3-" + module.toLowerCase(Locale.ROOT).replace('_', '-');
        return succeeds(List.of(python, "-c", FIND, module)) || succeeds(List.of("apt-cache", "show", debian));
    }

    private static boolean succeeds(List<String> argv) {
        try {
            Process process = new ProcessBuilder(argv).directory(new java.io.File("/"))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            LOG.debugf("cannot ask %s: %s", argv.get(0), e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
