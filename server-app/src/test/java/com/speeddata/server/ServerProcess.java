package com.speeddata.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The packaged service as an operating-system process of its own, so a test can kill it with SIGKILL. */
final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on http://[^ ]+:(\\d+) ");

    private final Process process;
    private final Path log;
    private final int port;

    private ServerProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    static ServerProcess start(Map<String, String> env, Path log) throws IOException, InterruptedException {
        return start(env, log, "512m");
    }

    /** With a maximum heap of {@code maxHeap} ({@code -Xmx}), e.g. to show that a phase fits a small one. */
    static ServerProcess start(Map<String, String> env, Path log, String maxHeap)
            throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("server.jar", "target/server-app.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run the *IT tests with mvn verify, after package");
        }
        ProcessBuilder builder = new ProcessBuilder(java(), "-Xmx" + maxHeap, "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment().put("PORT", "0");
        Process process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Matcher listening = LISTENING.matcher(Files.readString(log));
            if (listening.find()) {
                return new ServerProcess(process, log, Integer.parseInt(listening.group(1)));
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("server exited at start:\n" + Files.readString(log));
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException("server did not start within 60 s:\n" + Files.readString(log));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    int port() {
        return port;
    }

    String base() {
        return "http://localhost:" + port;
    }

    /** SIGKILL: no shutdown hook, no lease released, no file closed. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    /**
     * The log once it holds {@code text}, waiting up to {@code seconds}: a line written just after the state a
     * client sees (a job's "completed" follows its commit) may not be there yet when the client sees it.
     */
    String logOnce(String text, int seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String current = log();
        while (!current.contains(text) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            current = log();
        }
        return current;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
