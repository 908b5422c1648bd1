package com.speeddata.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * A migrated database of its own for one test class, so test classes and parallel builds never see each other's
 * rows: H2 in a fresh directory, or a fresh PostgreSQL schema (dropped again on close).
 *
 * <p>The PostgreSQL server comes from the system property or environment variable {@value #URL_VARIABLE},
 * default {@value #DEFAULT_POSTGRES_URL}. When it cannot be reached the tests fail: CI starts PostgreSQL, and a
 * silently skipped adapter would be a contract nobody checks.
 */
public final class TestDatabase implements AutoCloseable {
    public static final String URL_VARIABLE = "TEST_DATABASE_URL";
    public static final String DEFAULT_POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    /** Every table the schema has, children first; a test class clears them before each test. */
    private static final List<String> TABLES =
            List.of("sample_chunk", "signal", "sentiment_score", "sentiment_event", "job", "stream_ticket", "api_key");
    /** Tables only PostgreSQL has (H2's migration of the same version is empty). */
    private static final List<String> POSTGRES_TABLES = List.of("rate_bucket");

    /** The two engines the adapters run on; {@link OnEachDatabase} runs a test class on each. */
    public enum Kind {
        H2,
        POSTGRESQL;

        /** A database of this kind of its own, migrated and empty. */
        public TestDatabase open() {
            return this == H2 ? h2() : postgres();
        }
    }

    private final Kind kind;
    private final Database database;
    private final String url;
    private final Runnable cleanup;

    private TestDatabase(Kind kind, Database database, String url, Runnable cleanup) {
        this.kind = kind;
        this.database = database;
        this.url = url;
        this.cleanup = cleanup;
    }

    /** The embedded database in a new temporary directory, deleted on close. */
    public static TestDatabase h2() {
        try {
            Path dir = Files.createTempDirectory("speeddata-h2-");
            return new TestDatabase(Kind.H2, Database.open(null, dir), null, () -> deleteTree(dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The embedded database under {@code dir}, which the caller owns (a JUnit {@code @TempDir}). */
    public static TestDatabase h2(Path dir) {
        return new TestDatabase(Kind.H2, Database.open(null, dir), null, () -> {});
    }

    /** A new schema on the test PostgreSQL server, migrated, dropped on close. */
    public static TestDatabase postgres() {
        String serverUrl = postgresUrl();
        DatabaseUrl server = DatabaseUrl.parse(serverUrl)
                .orElseThrow(() -> new IllegalArgumentException(DatabaseUrl.describeUnrecognized(serverUrl)));
        String schema = "test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute(server, "CREATE SCHEMA " + schema);
        try {
            String url = serverUrl + (serverUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
            Database database = Database.open(url, null);
            return new TestDatabase(
                    Kind.POSTGRESQL, database, url, () -> execute(server, "DROP SCHEMA " + schema + " CASCADE"));
        } catch (RuntimeException e) {
            execute(server, "DROP SCHEMA " + schema + " CASCADE");
            throw e;
        }
    }

    public static String postgresUrl() {
        String url = System.getProperty(URL_VARIABLE);
        if (url == null || url.isBlank()) {
            url = System.getenv(URL_VARIABLE);
        }
        return url == null || url.isBlank() ? DEFAULT_POSTGRES_URL : url;
    }

    private static void execute(DatabaseUrl server, String sql) {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "PostgreSQL for tests is not usable at " + server.redacted() + " (set " + URL_VARIABLE + "); "
                            + sql.split(" ")[0].toLowerCase(Locale.ROOT) + " failed",
                    e);
        }
    }

    /** The PostgreSQL URL of this schema, to open a second pool on it (another instance); null for H2. */
    public String url() {
        return url;
    }

    /** The engine, which names each run of an {@link OnEachDatabase} class in test reports. */
    @Override
    public String toString() {
        return kind.name();
    }

    public Database database() {
        return database;
    }

    public DataSource dataSource() {
        return database.dataSource();
    }

    /** Deletes every row, for a fresh store before each test. */
    public void clear() {
        try (Connection c = database.dataSource().getConnection();
                Statement s = c.createStatement()) {
            for (String table : TABLES) {
                s.executeUpdate("DELETE FROM " + table);
            }
            if (database.dialect() == Dialect.POSTGRESQL) {
                for (String table : POSTGRES_TABLES) {
                    s.executeUpdate("DELETE FROM " + table);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot clear the test database", e);
        }
    }

    @Override
    public void close() {
        try {
            database.close();
        } finally {
            cleanup.run();
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
