package io.evalwatch.simulator.task;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tasks the simulator can recognise. A request's task is the one whose prompt (whitespace-normalised) appears in
 * the user message; the longest such prompt wins, so a task whose prompt contains another's is still told apart.
 */
public final class TaskCatalog {

    private final ConcurrentHashMap<String, Entry> byId = new ConcurrentHashMap<>();

    private record Entry(SimTask task, String normalisedPrompt) {
    }

    /** Adds or replaces tasks (by id). */
    public void register(Collection<SimTask> tasks) {
        for (SimTask task : tasks) {
            String prompt = normalise(task.prompt());
            if (prompt.isEmpty()) {
                throw new IllegalArgumentException("task " + task.id() + " has an empty prompt");
            }
            byId.put(task.id(), new Entry(task, prompt));
        }
    }

    public Optional<SimTask> match(String userMessage) {
        String message = normalise(userMessage);
        Entry best = null;
        for (Entry entry : byId.values()) {
            if (message.contains(entry.normalisedPrompt())
                    && (best == null || entry.normalisedPrompt().length() > best.normalisedPrompt().length()
                    || entry.normalisedPrompt().length() == best.normalisedPrompt().length()
                    && entry.task().id().compareTo(best.task().id()) < 0)) {
                best = entry;
            }
        }
        return Optional.ofNullable(best).map(Entry::task);
    }

    /**
     * Of two catalogues' matches for one message, the one whose prompt is longer (the closer match, as within one
     * catalogue); the first on a tie.
     */
    public static Optional<SimTask> closer(Optional<SimTask> first, Optional<SimTask> second) {
        if (first.isEmpty() || second.isEmpty()) {
            return first.isPresent() ? first : second;
        }
        return normalise(second.get().prompt()).length() > normalise(first.get().prompt()).length() ? second : first;
    }

    public Optional<SimTask> find(String id) {
        return Optional.ofNullable(byId.get(id)).map(Entry::task);
    }

    /** Every task, ordered by id: the order deterministic picks (the neighbouring problem) are made in. */
    public List<SimTask> all() {
        List<SimTask> tasks = new ArrayList<>();
        byId.values().forEach(entry -> tasks.add(entry.task()));
        tasks.sort(Comparator.comparing(SimTask::id));
        return tasks;
    }

    public int size() {
        return byId.size();
    }

    static String normalise(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s+", " ");
    }
}
