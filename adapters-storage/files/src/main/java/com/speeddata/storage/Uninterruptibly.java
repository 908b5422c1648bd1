package com.speeddata.storage;

/**
 * A wait that must not be cut short by an interrupt (someone else's progress depends on it, and it is bounded by
 * other means): it goes on through interrupts and sets the thread's interrupt flag again at the end.
 */
public final class Uninterruptibly {
    /** A blocking wait that may throw {@link InterruptedException}. */
    @FunctionalInterface
    public interface Wait {
        void await() throws InterruptedException;
    }

    private Uninterruptibly() {}

    public static void await(Wait wait) {
        boolean interrupted = false;
        while (true) {
            try {
                wait.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
