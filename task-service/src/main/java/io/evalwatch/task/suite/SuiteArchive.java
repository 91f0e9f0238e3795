package io.evalwatch.task.suite;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stored suite versions. The first run of a version stores the content of all its tasks; from then on the
 * version means exactly those tasks, and a suite on disk that declares the version with other content is refused.
 */
@ApplicationScoped
@Transactional
public class SuiteArchive {

    private final EntityManager em;
    private final SuiteCatalog catalog;

    public SuiteArchive(EntityManager em, SuiteCatalog catalog) {
        this.em = em;
        this.catalog = catalog;
    }

    /**
     * Lets a run of the suite go ahead: stores the version's tasks if this is its first run, or checks that the
     * tasks on disk are the stored ones. Part of the run's transaction, so a refused or failed run stores nothing.
     *
     * @throws SuiteVersionConflictException naming each changed, added and removed task
     */
    public void admit(Suite suite, String runId, Instant now) {
        // two first runs of one version at once must not store two different contents
        em.createNativeQuery("select 1 from (select pg_advisory_xact_lock(hashtext(?1))) l")
                .setParameter(1, suite.name() + '/' + suite.version()).getSingleResult();
        List<SuiteTask> stored = SuiteTask.of(suite.name(), suite.version());
        if (!stored.isEmpty()) {
            check(suite, stored);
            return;
        }
        for (TaskDefinition task : suite.tasks()) {
            SuiteTask row = new SuiteTask();
            row.suite = suite.name();
            row.version = suite.version();
            row.taskId = task.id();
            row.contentHash = task.contentHash();
            row.content = TaskContent.canonical(task);
            row.firstRunId = runId;
            row.storedAt = now;
            row.persist();
        }
    }

    /** Why the suite on disk cannot run, if its version was stored with other content. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<SuiteVersionConflictException> conflict(Suite suite) {
        List<SuiteTask> stored = SuiteTask.of(suite.name(), suite.version());
        try {
            if (!stored.isEmpty()) {
                check(suite, stored);
            }
            return Optional.empty();
        } catch (SuiteVersionConflictException e) {
            return Optional.of(e);
        }
    }

    /**
     * Every suite on disk with its problems, for listing: an invalid suite, or one whose declared version already
     * ran with other content, is shown with what is wrong, not hidden.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<SuiteCatalog.SuiteStatus> statuses() {
        List<SuiteCatalog.SuiteStatus> statuses = new ArrayList<>();
        for (String name : catalog.names()) {
            try {
                Suite suite = catalog.find(name).orElseThrow();
                List<String> problems = conflict(suite).map(e -> List.of(e.getMessage())).orElse(List.of());
                statuses.add(new SuiteCatalog.SuiteStatus(name, suite.version(), suite.description(),
                        suite.tasks().size(), problems));
            } catch (SuiteValidationException e) {
                statuses.add(new SuiteCatalog.SuiteStatus(name, null, null, 0, e.problems()));
            }
        }
        return statuses;
    }

    /** Every stored version of the suite, oldest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<StoredVersion> versions(String suite) {
        Map<String, List<SuiteTask>> byVersion = new LinkedHashMap<>();
        for (SuiteTask row : SuiteTask.of(suite)) {
            byVersion.computeIfAbsent(row.version, v -> new ArrayList<>()).add(row);
        }
        List<StoredVersion> versions = new ArrayList<>();
        byVersion.forEach((version, rows) -> versions.add(StoredVersion.of(version, rows)));
        return versions;
    }

    /**
     * The task hashes of a version: the stored ones, or those on disk when the version was never run.
     *
     * @param field the request parameter that named the version, for the error
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, String> hashes(String suite, String version, String field) {
        List<SuiteTask> stored = SuiteTask.of(suite, version);
        if (!stored.isEmpty()) {
            return StoredVersion.of(version, stored).hashes();
        }
        Optional<Suite> onDisk = catalog.find(suite);
        if (onDisk.isPresent() && onDisk.get().version().equals(version)) {
            return onDisk.get().taskHashes();
        }
        throw new UnknownSuiteVersionException(field, "suite '" + suite + "' has no version '" + version
                + "'; stored versions: " + versions(suite).stream().map(StoredVersion::version).toList()
                + onDisk.map(s -> ", on disk: " + s.version()).orElse(""));
    }

    /** A task as a stored version holds it, also when later versions retired it. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public SuiteTask task(String suite, String version, String taskId) {
        if (SuiteTask.of(suite, version).isEmpty()) {
            throw new UnknownSuiteVersionException("version", "suite '" + suite + "' has no stored version '"
                    + version + "' (a version is stored by its first run)");
        }
        return SuiteTask.<SuiteTask>find("suite = ?1 and version = ?2 and taskId = ?3", suite, version, taskId)
                .firstResultOptional().orElseThrow(() -> new UnknownSuiteVersionException("taskId",
                        "suite '" + suite + "' version " + version + " has no task '" + taskId + "'"));
    }

    private static void check(Suite suite, List<SuiteTask> stored) {
        SuiteChanges changes = SuiteChanges.between(suite.name(), suite.version(),
                StoredVersion.of(suite.version(), stored).hashes(), suite.version(), suite.taskHashes());
        if (!changes.identical()) {
            throw new SuiteVersionConflictException(changes);
        }
    }

    /** A stored version: when its first run stored it, and its tasks' content hashes. */
    public record StoredVersion(String version, String firstRunId, Instant storedAt, String taskSetHash,
            List<StoredTask> tasks) {

        static StoredVersion of(String version, List<SuiteTask> rows) {
            List<StoredTask> tasks = rows.stream().map(r -> new StoredTask(r.taskId, r.contentHash)).toList();
            Map<String, String> hashes = new LinkedHashMap<>();
            tasks.forEach(t -> hashes.put(t.id(), t.contentHash()));
            return new StoredVersion(version, rows.get(0).firstRunId, rows.get(0).storedAt,
                    TaskContent.taskSetHash(hashes), tasks);
        }

        public Map<String, String> hashes() {
            Map<String, String> hashes = new LinkedHashMap<>();
            tasks.forEach(t -> hashes.put(t.id(), t.contentHash()));
            return hashes;
        }
    }

    /** A task id with its content hash. */
    public record StoredTask(String id, String contentHash) {
    }
}
