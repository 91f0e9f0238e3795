package io.evalwatch.localstack.testing;

import io.evalwatch.localstack.PostgresDatabases;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Makes sure the test database named by the init arg {@code database} (with the checkout's
 * {@link CheckoutSuffix}) exists on the local PostgreSQL and points the datasource at it. Flyway (clean-at-start in the test profile) gives each test run an empty schema.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", "evalwatch_test") + CheckoutSuffix.ofModuleTest();
    }

    @Override
    public Map<String, String> start() {
        PostgresDatabases databases = PostgresDatabases.fromEnvironment();
        databases.ensure(database);
        return Map.of(
                "quarkus.datasource.jdbc.url", databases.jdbcUrl(database),
                "quarkus.datasource.username", databases.user());
    }

    @Override
    public void stop() {
    }
}
