import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * The sandbox's Java compile server: a warm javac that compiles each run's EvalwatchHarness.java into a directory of
 * its own, so the run starts a JVM on class files instead of compiling in a cold one. It runs in a sandbox like a
 * run's (no network, read-only file system but for its output directory, an unprivileged uid), and it never loads
 * or runs the classes it compiles: annotation processing is off, so javac runs no code of the source.
 *
 * <p>Protocol, on stdin: {@code ID CLASSPATH LENGTH\n} then LENGTH bytes of UTF-8 source. On fd 3, once per
 * request and in any order: {@code ID STATUS LENGTH\n} then LENGTH bytes of javac's output, where STATUS is ok,
 * error (javac's diagnostics, then the line the source launcher ends them with) or crash. The classes go to
 * OUT/ID. Arguments: OUT, the number of compiles at once, and the directory a source launch would find the file in.
 * End of stdin: the compiles under way finish, then the server exits.
 */
public final class CompileServer {

    private static final String FILE_NAME = "EvalwatchHarness.java";
    /** What the JDK 17 source launcher gives javac, so diagnostics read the same as in a source launch. */
    private static final List<String> LAUNCHER_OPTIONS = List.of("-proc:none", "-Xdiags:verbose",
            "-Xlint:deprecation", "-Xlint:-options");

    private static final JavaCompiler JAVAC = ToolProvider.getSystemJavaCompiler();
    private static PrintStream replies;
    /** Where the file would be in a source launch, so javac names it as there. */
    private static String sourcePath;

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        sourcePath = args[2] + "/" + FILE_NAME;
        // replies go to fd 3, the channel every harness writes its records to; stdout is the log, as stderr
        // (a bare inherited fd this unprivileged user may not reopen through /proc: wrapped as the runtime does)
        java.io.FileDescriptor channel = new java.io.FileDescriptor();
        java.lang.reflect.Field fd = java.io.FileDescriptor.class.getDeclaredField("fd");
        fd.setAccessible(true);
        fd.setInt(channel, 3);
        replies = new PrintStream(new java.io.FileOutputStream(channel), false, StandardCharsets.UTF_8);
        // one compile ahead, so the first run does not pay for loading and warming javac
        Path warm = Files.createTempDirectory("warm");
        compile("class EvalwatchHarness { public static void main(String[] a) { System.err.println(a.length); } }",
                "", warm);
        reply("-", "READY", "");
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        DataInputStream in = new DataInputStream(new BufferedInputStream(new java.io.FileInputStream(
                java.io.FileDescriptor.in), 1 << 16));
        String header;
        while ((header = readLine(in)) != null) {
            String[] fields = header.split(" ", -1);
            String id = fields[0];
            String classPath = fields[1];
            byte[] source = new byte[Integer.parseInt(fields[2])];
            in.readFully(source);
            if (!id.matches("[A-Za-z0-9-]{1,64}")) {
                throw new IOException("bad request id " + id);
            }
            pool.execute(() -> {
                try {
                    Path dir = Files.createDirectory(out.resolve(id));
                    String[] result = compile(new String(source, StandardCharsets.UTF_8), classPath, dir);
                    reply(id, result[0], result[1]);
                } catch (Throwable e) {
                    reply(id, "crash", String.valueOf(e));
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.HOURS);
    }

    /** Compiles one source file; returns the status and javac's output. */
    static String[] compile(String source, String classPath, Path dir) throws IOException {
        StringWriter output = new StringWriter();
        try (StandardJavaFileManager files = JAVAC.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            files.setLocation(StandardLocation.CLASS_OUTPUT, List.of(dir.toFile()));
            List<String> options = new ArrayList<>(LAUNCHER_OPTIONS);
            options.addAll(List.of("-implicit:none", "-classpath", expand(classPath)));
            JavaFileObject file = new SimpleJavaFileObject(URI.create("string://" + sourcePath),
                    JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return source;
                }

                // as in a source launch: any class may be public, whatever the file is called
                @Override
                public boolean isNameCompatible(String simpleName, JavaFileObject.Kind kind) {
                    return true;
                }
            };
            boolean ok = JAVAC.getTask(output, files, null, options, null, List.of(file)).call();
            return ok ? new String[] {"ok", output.toString()}
                    : new String[] {"error", output + "error: compilation failed\n"};
        }
    }

    /** A class path entry dir/* means the jars in dir, as the java launcher reads it (javac's API does not). */
    private static String expand(String classPath) throws IOException {
        List<String> entries = new ArrayList<>();
        for (String entry : classPath.split(":")) {
            if (entry.endsWith("/*")) {
                Path dir = Path.of(entry.substring(0, entry.length() - 2));
                if (Files.isDirectory(dir)) {
                    try (Stream<Path> jars = Files.list(dir)) {
                        jars.map(Path::toString).filter(n -> n.endsWith(".jar") || n.endsWith(".JAR")).sorted()
                                .forEach(entries::add);
                    }
                }
            } else if (!entry.isEmpty()) {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static void reply(String id, String status, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        synchronized (replies) {
            replies.print(id + " " + status + " " + bytes.length + "\n");
            replies.write(bytes, 0, bytes.length);
            replies.flush();
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    private CompileServer() {
    }
}
