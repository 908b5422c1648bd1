package com.speeddata.jobs;

/** How far a job has come: a percentage in [0, 100] and a line for people. */
public record Progress(int percent, String message) {
    public static final Progress NONE = new Progress(0, "");

    public Progress {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be 0..100, not " + percent);
        }
        message = message == null ? "" : message;
    }
}
