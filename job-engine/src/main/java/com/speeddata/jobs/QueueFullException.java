package com.speeddata.jobs;

/** The queue holds its capacity of waiting jobs; the caller should retry later (HTTP 503). */
public final class QueueFullException extends JobException {
    private final int capacity;

    public QueueFullException(int capacity) {
        super("the job queue is full (" + capacity + " jobs waiting); retry later");
        this.capacity = capacity;
    }

    public int capacity() {
        return capacity;
    }
}
