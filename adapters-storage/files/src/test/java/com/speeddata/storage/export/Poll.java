package com.speeddata.storage.export;

import java.util.function.BooleanSupplier;

/** Waiting in tests for what another thread does, with a deadline rather than a guessed sleep. */
final class Poll {
    private Poll() {}

    /** True once {@code condition} holds, polled every 5 ms; false if it still does not after 10 s. */
    static boolean until(BooleanSupplier condition) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            sleep(5);
        }
        return true;
    }

    /** {@link Thread#sleep}, an interrupt rethrown unchecked (for lambdas and anonymous sources). */
    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
