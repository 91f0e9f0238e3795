package io.evalwatch.sandbox.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The host tools that resolve and build environments' npm and Maven parts. They run as the service, outside
 * the sandbox, once per environment; nothing they fetch is code that runs at build time (npm's install scripts
 * are off).
 */
@ConfigMapping(prefix = "evalwatch.sandbox.environment-tools")
public interface EnvironmentToolsConfig {

    Npm npm();

    Maven maven();

    interface Npm {
        /** The npm command (found on PATH unless a path is given). */
        @WithDefault("npm")
        String command();

        /** The most one {@code npm install} may take. */
        @WithDefault("PT10M")
        Duration timeout();
    }

    interface Maven {
        /** The mvn command (found on PATH unless a path is given). */
        @WithDefault("mvn")
        String command();

        /** A settings.xml (mirrors, proxies, credentials) for mvn; Maven's own default when absent. */
        Optional<Path> settings();

        /** The local repository jars are downloaded into; Maven's own default (~/.m2/repository) when absent. */
        Optional<Path> localRepository();

        /** The most one resolution may take. */
        @WithDefault("PT10M")
        Duration timeout();
    }
}
