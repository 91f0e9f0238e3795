package io.evalwatch.localstack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Creates the PostgreSQL databases the services own, if they are missing (Flyway creates the schema inside). */
public final class PostgresDatabases {

    private final String host;
    private final int port;
    private final String user;

    public PostgresDatabases(String host, int port, String user) {
        this.host = host;
        this.port = port;
        this.user = user;
    }

    public static PostgresDatabases fromEnvironment() {
        return new PostgresDatabases(
                env("EVALWATCH_PG_HOST", "127.0.0.1"),
                Integer.parseInt(env("EVALWATCH_PG_PORT", "5432")),
                env("EVALWATCH_PG_USER", "postgres"));
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public String user() {
        return user;
    }

    public void ensure(String database) {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), user, password())) {
            try (PreparedStatement exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
                exists.setString(1, database);
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            try (Statement create = c.createStatement()) {
                create.execute("create database " + database);
            } catch (SQLException raced) {
                if (!"42P04".equals(raced.getSQLState())) { // duplicate_database: someone else created it first
                    throw raced;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + host + ":" + port + " (user " + user
                    + ") is not usable: " + e.getMessage() + ". Start it with: pg_ctlcluster --skip-systemctl-redirect"
                    + " $(ls /etc/postgresql) main start", e);
        }
    }

    /** Drops the database (closing its connections) and creates it empty: for test stacks that must start clean. */
    public void recreate(String database) {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), user, password());
                Statement s = c.createStatement()) {
            s.execute("drop database if exists " + database + " with (force)");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop " + database + " on " + host + ":" + port + ": "
                    + e.getMessage(), e);
        }
        ensure(database);
    }

    private static String password() {
        return env("EVALWATCH_PG_PASSWORD", "");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
