package io.evalwatch.simulator.service;

import io.evalwatch.simulator.config.SimulatorConfig;
import io.evalwatch.simulator.profile.ModelVersion;
import io.evalwatch.simulator.profile.ProfileFile;
import io.evalwatch.simulator.profile.SimulatedModel;
import io.evalwatch.simulator.profile.SimulatorProfiles;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The simulated models and the version each one is answering with: by schedule (active_from), unless an admin call
 * forced a version. The model name never changes, which is the silent vendor update evalwatch must notice.
 */
@Startup
@ApplicationScoped
public class ModelRegistry {

    private static final Logger LOG = Logger.getLogger(ModelRegistry.class);

    private final SimulatorConfig config;
    private final MeterRegistry meters;
    private final Map<String, String> forced = new ConcurrentHashMap<>();
    private final Map<String, String> lastReported = new ConcurrentHashMap<>();
    private volatile SimulatorProfiles profiles;
    private volatile Path profilesFile;
    Clock clock = Clock.systemUTC();

    /** A model with the version in force and whether an admin call chose it. */
    public record ActiveModel(SimulatedModel model, ModelVersion version, boolean forced) {
    }

    public ModelRegistry(SimulatorConfig config, MeterRegistry meters) {
        this.config = config;
        this.meters = meters;
    }

    @PostConstruct
    void load() {
        profilesFile = ConfigPaths.resolve(config.profilesFile());
        // a bad file stops the start with a message naming the file, the model and the field
        profiles = ProfileFile.load(profilesFile);
        for (SimulatedModel model : profiles.models().values()) {
            ActiveModel active = active(model.name()).orElseThrow();
            LOG.infof("simulated model %s: %d version(s), in force %s (%s)", model.name(), model.versions().size(),
                    active.version().version(), active.version().systemFingerprint());
            for (ModelVersion version : model.versions()) {
                Gauge.builder("evalwatch.simulator.model.version.active", () -> isActive(model.name(), version) ? 1 : 0)
                        .description("1 for the version each simulated model answers with")
                        .tag("model", model.name())
                        .tag("version", version.version())
                        .tag("fingerprint", version.systemFingerprint())
                        .register(meters);
            }
        }
    }

    public Path profilesFile() {
        return profilesFile;
    }

    public SimulatorProfiles profiles() {
        return profiles;
    }

    public Optional<ActiveModel> active(String name) {
        return profiles.find(name).map(model -> {
            String forcedVersion = forced.get(name);
            ModelVersion version = forcedVersion == null ? null : model.version(forcedVersion).orElse(null);
            ActiveModel active = version != null ? new ActiveModel(model, version, true)
                    : new ActiveModel(model, model.scheduledAt(Instant.now(clock)), false);
            String previous = lastReported.put(name, active.version().version());
            if (previous != null && !previous.equals(active.version().version())) {
                LOG.infof("simulated model %s now answers as version %s (%s)", name, active.version().version(),
                        active.version().systemFingerprint());
            }
            return active;
        });
    }

    public List<ActiveModel> all() {
        return profiles.models().keySet().stream().map(name -> active(name).orElseThrow()).toList();
    }

    /** Forces a version; empty when the model or the version is unknown (the caller names which). */
    public Optional<ActiveModel> force(String name, String version) {
        SimulatedModel model = profiles.find(name).orElse(null);
        if (model == null || model.version(version).isEmpty()) {
            return Optional.empty();
        }
        forced.put(name, version);
        return active(name);
    }

    /** Returns a model to its schedule; empty when the model is unknown. */
    public Optional<ActiveModel> unforce(String name) {
        if (profiles.find(name).isEmpty()) {
            return Optional.empty();
        }
        forced.remove(name);
        return active(name);
    }

    private boolean isActive(String name, ModelVersion version) {
        return active(name).map(a -> a.version().version().equals(version.version())).orElse(false);
    }
}
