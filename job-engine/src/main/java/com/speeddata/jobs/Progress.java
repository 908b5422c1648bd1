package com.speeddata.jobs;

/**
 * How far a job has come: a percentage in [0, 100], a line for people, and for jobs over a known number of items
 * (a scoring batch) how many are done, failed and in all (all 0 for jobs that do not count items).
 */
public record Progress(int percent, String message, long done, long failed, long total) {
    public static final Progress NONE = new Progress(0, "");

    public Progress {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be 0..100, not " + percent);
        }
        if (done < 0 || failed < 0 || total < 0) {
            throw new IllegalArgumentException(
                    "item counts must not be negative: " + done + "/" + failed + "/" + total);
        }
        message = message == null ? "" : message;
    }

    public Progress(int percent, String message) {
        this(percent, message, 0, 0, 0);
    }

    /** Progress over items: the percentage follows from the counts. */
    public static Progress ofItems(long done, long failed, long total, String message) {
        int percent = total == 0 ? 100 : (int) Math.min(100, (done + failed) * 100 / total);
        return new Progress(percent, message, done, failed, total);
    }
}
