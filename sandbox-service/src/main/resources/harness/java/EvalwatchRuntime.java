// evalwatch sandbox harness for Java: the part that is the same for every run. It is compiled once when the
// service starts and put on the class path of every run, so a run's compiler sees only the tests and the solution
// (EvalwatchHarness.java.template); where that compile failed, this source is appended to each run's file instead.
// Public, because the run's own classes are loaded by another class loader.
// Records go to the results channel (fd 3) one line at a time, flushed, so a crash leaves earlier results.
public final class EvalwatchRuntime {

    /** The generated harness: runs test number index. */
    public interface Tests {
        void run(int index) throws Throwable;
    }

    private static java.io.FileOutputStream results;
    private static boolean privatePids;

    private EvalwatchRuntime() {
    }

    public static void main(String[] args, String ownerName, String entry, int count, Tests tests) throws Exception {
        results = resultsChannel(Integer.parseInt(args[0]));
        privatePids = args.length > 1 && args[1].equals("private-pids");
        send("{\"e\":\"hello\"}");
        Class<?> owner;
        try {
            owner = Class.forName(ownerName, true, tests.getClass().getClassLoader());
        } catch (ClassNotFoundException e) {
            loadFailed("missing_entry_point", "class " + ownerName + " is not defined");
            return;
        } catch (Throwable e) {
            loadFailed("exception", e);
            return;
        }
        int params = -1;
        for (java.lang.reflect.Method method : owner.getDeclaredMethods()) {
            if (method.getName().equals(entry)) {
                params = method.getParameterCount();
            }
        }
        if (params < 0) {
            loadFailed("missing_entry_point", entry + " is not a method of " + ownerName);
            return;
        }
        send("{\"e\":\"load\",\"ok\":true,\"params\":" + params + "}");
        for (int i = 0; i < count; i++) {
            send("{\"e\":\"start\",\"i\":" + i + "}");
            String status = "passed";
            Throwable failure = null;
            long began = System.nanoTime();
            try {
                tests.run(i);
            } catch (AssertionError e) {
                status = "failed";
                failure = e;
            } catch (Throwable e) {
                status = "error";
                failure = e;
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            StringBuilder line = new StringBuilder("{\"e\":\"result\",\"i\":").append(i)
                    .append(",\"status\":\"").append(status).append("\",\"seconds\":").append(seconds);
            if (failure != null) {
                line.append(",\"type\":").append(quote(failure.getClass().getSimpleName()))
                        .append(",\"message\":").append(quote(String.valueOf(failure.getMessage())));
            }
            send(line.append('}').toString());
        }
        send("{\"e\":\"done\"}");
        finish();
    }

    // Alone in a private pid namespace, every process besides bubblewrap's init and this JVM outlived its run.
    private static void finish() {
        if (privatePids) {
            String[] entries = new java.io.File("/proc").list();
            String self = Long.toString(ProcessHandle.current().pid());
            int others = 0;
            for (String entry : entries == null ? new String[0] : entries) {
                if (entry.chars().allMatch(Character::isDigit) && !entry.equals("1") && !entry.equals(self)) {
                    others++;
                }
            }
            if (others > 0) {
                send("{\"e\":\"lingering\",\"count\":" + others + "}");
            }
        }
        send("{\"e\":\"end\",\"exit\":0}");
        Runtime.getRuntime().halt(0);
    }

    // The results pipe is inherited as a bare fd that this (unprivileged) user may not reopen through
    // /proc/self/fd: wrap the descriptor itself (the launch opens java.io for this)
    private static java.io.FileOutputStream resultsChannel(int number) throws Exception {
        java.io.FileDescriptor descriptor = new java.io.FileDescriptor();
        java.lang.reflect.Field fd = java.io.FileDescriptor.class.getDeclaredField("fd");
        fd.setAccessible(true);
        fd.setInt(descriptor, number);
        return new java.io.FileOutputStream(descriptor);
    }

    private static void loadFailed(String kind, Object cause) {
        String type = cause instanceof Throwable ? ((Throwable) cause).getClass().getSimpleName() : null;
        String message = cause instanceof Throwable ? String.valueOf(((Throwable) cause).getMessage()) : String.valueOf(cause);
        send("{\"e\":\"load\",\"ok\":false,\"kind\":" + quote(kind) + (type == null ? "" : ",\"type\":" + quote(type))
                + ",\"message\":" + quote(message) + "}");
        finish();
    }

    private static void send(String line) {
        try {
            results.write((line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            results.flush();
        } catch (java.io.IOException ignored) {
            // the channel is gone: nothing left to report to
        }
    }

    private static String quote(String text) {
        String value = text.length() > 2000 ? text.substring(0, 2000) : text;
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
