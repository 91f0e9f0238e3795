package io.evalwatch.sandbox.language;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Every language plug-in, found by name or alias (case-insensitive). */
@ApplicationScoped
public class Languages {

    private final Map<String, Language> byName = new LinkedHashMap<>();

    @Inject
    public Languages(Instance<Language> languages) {
        this((Iterable<Language>) languages);
    }

    private Languages(Iterable<Language> languages) {
        for (Language language : languages) {
            byName.put(language.name(), language);
            for (String alias : language.aliases()) {
                byName.putIfAbsent(alias, language);
            }
        }
    }

    /** The given plug-ins only, outside CDI. */
    public static Languages of(Language... languages) {
        return new Languages(List.of(languages));
    }

    public Optional<Language> find(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(byName.get(name.trim().toLowerCase(Locale.ROOT)));
    }

    public List<Language> all() {
        return byName.values().stream().distinct().toList();
    }

    public List<String> names() {
        return byName.values().stream().map(Language::name).distinct().sorted().toList();
    }
}
