package com.speeddata.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * The local PostgreSQL cluster, stopped and started for real (we run as root), and backends terminated, for the
 * database fault tests. {@link #ensureRunning()} belongs in a finally block: other builds share this server.
 */
final class PostgresControl {
    private PostgresControl() {}

    /** Terminates the backends whose application_name is {@code applicationName}; returns how many. */
    static int terminateBackends(String applicationName) throws SQLException {
        try (Connection connection = DriverManager.getConnection(TestDatabase.POSTGRES_URL);
                var statement =
                        connection.prepareStatement("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                                + " WHERE application_name = ? AND pid <> pg_backend_pid()")) {
            statement.setString(1, applicationName);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    static void stop() throws IOException, InterruptedException {
        cluster("stop", "-m", "fast");
    }

    static void start() throws IOException, InterruptedException {
        cluster("start");
        awaitReady();
    }

    /** Starts PostgreSQL when it is not accepting connections; for finally blocks. */
    static void ensureRunning() throws IOException, InterruptedException {
        if (!isReady()) {
            cluster("start");
            awaitReady();
        }
    }

    private static void awaitReady() throws IOException, InterruptedException {
        for (int i = 0; i < 60 && !isReady(); i++) {
            Thread.sleep(250);
        }
    }

    private static boolean isReady() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("pg_isready", "-q", "-h", "127.0.0.1", "-p", "5432")
                .redirectErrorStream(true)
                .start();
        return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
    }

    private static void cluster(String action, String... options) throws IOException, InterruptedException {
        String version;
        try (var versions = Files.list(Path.of("/etc/postgresql"))) {
            version = versions.map(p -> p.getFileName().toString())
                    .sorted()
                    .findFirst()
                    .orElseThrow();
        }
        java.util.List<String> command = new java.util.ArrayList<>();
        String user = System.getProperty("user.name");
        if (!"root".equals(user) && !"postgres".equals(user)) {
            command.addAll(java.util.List.of("sudo", "-n")); // as scripts/test installs and starts PostgreSQL
        }
        command.addAll(java.util.List.of("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action));
        command.addAll(java.util.List.of(options));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish");
        }
        String output = new String(process.getInputStream().readAllBytes()).strip();
        if (process.exitValue() != 0 && !output.contains("already running") && !output.contains("not running")) {
            throw new IOException(String.join(" ", command) + ": " + output);
        }
    }
}
