package com.speeddata.server;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/**
 * One of the two stores every end-to-end test runs against: the embedded database (url null) or PostgreSQL,
 * where each test gets a schema of its own so runs never see each other's data.
 */
final class TestDatabase implements AutoCloseable {
    enum Kind {
        EMBEDDED,
        POSTGRES
    }

    static final String POSTGRES_URL = System.getProperty(
            "TEST_DATABASE_URL",
            System.getenv().getOrDefault("TEST_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres"));

    private final Kind kind;
    private final String schema;
    /** Extra URL parameters ({@code &name=value}) for the server's DATABASE_URL. */
    private final String parameters;
    /** Whether {@link #close} drops the schema (false for a {@link #withParameter} view of the same one). */
    private final boolean owner;

    private TestDatabase(Kind kind, String schema) {
        this(kind, schema, "", true);
    }

    private TestDatabase(Kind kind, String schema, String parameters, boolean owner) {
        this.kind = kind;
        this.schema = schema;
        this.parameters = parameters;
        this.owner = owner;
    }

    /** The same schema, with a driver parameter added to its URL (e.g. ApplicationName); closing it drops nothing. */
    TestDatabase withParameter(String name, String value) {
        return new TestDatabase(kind, schema, parameters + "&" + name + "=" + value, false);
    }

    static TestDatabase create(Kind kind) {
        if (kind == Kind.EMBEDDED) {
            return new TestDatabase(kind, null);
        }
        String schema = "e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE SCHEMA " + schema);
        return new TestDatabase(kind, schema);
    }

    /** The DATABASE_URL to start a server with; null for the embedded store. */
    String url() {
        return schema == null
                ? null
                : POSTGRES_URL + (POSTGRES_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema + parameters;
    }

    @Override
    public void close() {
        if (schema != null && owner) {
            execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(POSTGRES_URL)) {
            connection.createStatement().execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "PostgreSQL at " + POSTGRES_URL + " is needed by this test: " + e.getMessage(), e);
        }
    }
}
