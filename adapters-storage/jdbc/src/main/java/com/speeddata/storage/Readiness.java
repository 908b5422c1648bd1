package com.speeddata.storage;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * A readiness check with a deadline: the check runs on one background thread and the caller waits at most
 * {@code timeoutMs}; a check still running past it counts as "not ready", and later callers wait on that same check
 * instead of starting another (so a hung database never piles up threads).
 */
final class Readiness implements AutoCloseable {
    private final BooleanSupplier check;
    private final long timeoutMs;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
        Thread t = new Thread(runnable, "speeddata-readiness");
        t.setDaemon(true);
        return t;
    });
    private CompletableFuture<Boolean> running; // guarded by this

    Readiness(BooleanSupplier check, long timeoutMs) {
        this.check = check;
        this.timeoutMs = timeoutMs;
    }

    boolean check() {
        CompletableFuture<Boolean> current;
        synchronized (this) {
            if (running == null || running.isDone()) {
                try {
                    running = CompletableFuture.supplyAsync(check::getAsBoolean, thread);
                } catch (java.util.concurrent.RejectedExecutionException closed) {
                    return false;
                }
            }
            current = running;
        }
        try {
            return current.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
