package io.evalwatch.suite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The problems of one file, each placed by the JSON pointer of the value it is about. */
final class FileProblems {

    private final Path file;
    private YamlScan scan;
    private final List<Problem> problems = new ArrayList<>();
    private final Set<String> reported = new HashSet<>();

    FileProblems(Path file, YamlScan scan) {
        this.file = file;
        this.scan = scan;
    }

    Path file() {
        return file;
    }

    void scan(YamlScan scan) {
        this.scan = scan;
    }

    /** A problem about the value at pointer ({@code ""}: the whole file; absent values: their parent). */
    void add(String pointer, String message) {
        YamlScan.Location at = scan == null ? YamlScan.Location.START : scan.at(pointer);
        problems.add(new Problem(file, at.line(), at.column(), message));
        reported.add(pointer);
    }

    void addAt(int line, int column, String message) {
        problems.add(new Problem(file, Math.max(1, line), Math.max(1, column), message));
    }

    /** Whether a problem was already reported at pointer (a wrong type is not also reported as missing). */
    boolean reportedAt(String pointer) {
        return reported.contains(pointer);
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    int size() {
        return problems.size();
    }

    /** The problems in the order of the file. */
    List<Problem> list() {
        List<Problem> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
        return sorted;
    }
}
