package io.evalwatch.reporting.stream;

import io.evalwatch.events.RunStarted;
import io.evalwatch.events.StreamKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The comparison streams: which stream each run belongs to, each stream's reference run and its history. The
 * reference moves only through {@link #setReference}: on a stream's first valid run, on a new segment (a suite
 * version bump), or when a person accepts a run.
 */
@ApplicationScoped
@Transactional
public class StreamRegistry {

    public static final String BASE_VARIANT = "base";
    public static final String SYSTEM_ACTOR = "evalwatch";

    /** Records the stream key of every model × variant of a started run. Idempotent. */
    public void register(RunStarted event) {
        for (StreamKey key : keysOf(event)) {
            RunStream existing = RunStream.of(event.runId(), key.model(), key.variant());
            RunStream rs = existing == null ? new RunStream() : existing;
            rs.runId = event.runId();
            rs.model = key.model();
            rs.variant = key.variant();
            rs.streamId = key.id();
            rs.origin = key.origin();
            rs.segment = key.segment();
            rs.taskSetHash = key.taskSetHash();
            rs.samples = key.samples();
            rs.generationConfigHash = key.generationConfigHash();
            rs.environmentHash = key.environmentHash();
            if (existing == null) {
                rs.persist();
            }
            if (!key.adHoc() && ComparisonStream.findById(key.id()) == null) {
                ComparisonStream stream = new ComparisonStream();
                stream.streamId = key.id();
                stream.origin = key.origin();
                stream.model = key.model();
                stream.suite = key.suite();
                stream.samples = key.samples();
                stream.variant = key.variant();
                stream.generationConfigHash = key.generationConfigHash();
                stream.createdAt = Instant.now();
                stream.persist();
            }
        }
    }

    /**
     * The keys a run announced; for a run announced without them (an older task-service), one per model from what
     * the announcement does hold, so monitor runs still form streams.
     */
    static List<StreamKey> keysOf(RunStarted event) {
        if (!event.streams().isEmpty()) {
            return event.streams();
        }
        String origin = event.monitor() != null ? StreamKey.monitorOrigin(event.monitor())
                : StreamKey.seriesOrigin(event.series());
        List<StreamKey> keys = new ArrayList<>();
        for (String model : event.models() == null ? List.<String>of() : event.models()) {
            keys.add(new StreamKey(origin, model, event.suite(), "suite-version:" + event.suiteVersion(),
                    event.samples(), null, BASE_VARIANT, null));
        }
        return keys;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<ComparisonStream> find(String streamId) {
        return Optional.ofNullable(ComparisonStream.findById(streamId));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ComparisonStream> all() {
        return ComparisonStream.list("order by suite, origin, model, variant");
    }

    /** Makes a run the stream's reference and records why, by whom and with what note. */
    public ReferenceChange setReference(ComparisonStream stream, RunStream run, String reason, String actor,
            String note) {
        ReferenceChange change = new ReferenceChange();
        change.streamId = stream.streamId;
        change.runId = run.runId;
        change.previousRunId = stream.referenceRunId;
        change.reason = reason;
        change.actor = actor;
        change.note = note;
        change.changedAt = Instant.now();
        change.persist();
        stream.referenceRunId = run.runId;
        stream.referenceSegment = run.segment;
        stream.referenceSince = change.changedAt;
        return change;
    }

    /**
     * The valid runs the stream's detector reads: the reference first, then every later valid run of the same
     * segment, oldest first, up to and including {@code upTo}.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<RunStream> checksSinceReference(ComparisonStream stream, RunStream upTo) {
        List<RunStream> runs = new ArrayList<>();
        boolean started = false;
        for (RunStream rs : RunStream.history(stream.streamId)) {
            if (rs.runId.equals(stream.referenceRunId)) {
                started = true;
            }
            if (started && rs.valid() && rs.segment.equals(stream.referenceSegment)
                    && rs.model.equals(stream.model) && rs.variant.equals(stream.variant)) {
                runs.add(rs);
            }
            if (rs.runId.equals(upTo.runId)) {
                break;
            }
        }
        return runs;
    }

    /** The stream's last valid run judged before the given one, if any. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<RunStream> previousValid(String streamId, RunStream before) {
        RunStream previous = null;
        for (RunStream rs : RunStream.history(streamId)) {
            if (rs.runId.equals(before.runId)) {
                break;
            }
            if (rs.valid()) {
                previous = rs;
            }
        }
        return Optional.ofNullable(previous);
    }

    /**
     * For an ad-hoc run compared on request: the reference of a stream that measured exactly what it measured
     * (model, suite, samples, configuration, variant, segment), monitors before series.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<ComparisonStream> matchingStream(String suite, RunStream run) {
        return ComparisonStream.<ComparisonStream>list("suite = ?1 and model = ?2 and samples = ?3 and variant = ?4"
                        + " and referenceRunId is not null order by origin", suite, run.model, run.samples, run.variant)
                .stream()
                .filter(s -> run.segment.equals(s.referenceSegment))
                .filter(s -> java.util.Objects.equals(s.generationConfigHash, run.generationConfigHash))
                .findFirst();
    }
}
