package com.speeddata.jobs;

/**
 * The tenant already has its quota of queued jobs ({@link JobQuota#maxQueued}); it should retry when some of them
 * have started (HTTP 429 {@code QUOTA_EXCEEDED}).
 */
public final class QuotaExceededException extends JobException {
    private final String owner;
    private final int limit;

    public QuotaExceededException(String owner, int limit) {
        super("tenant " + owner + " already has " + limit + " jobs queued, its quota; retry when some have started");
        this.owner = owner;
        this.limit = limit;
    }

    public String owner() {
        return owner;
    }

    public int limit() {
        return limit;
    }
}
