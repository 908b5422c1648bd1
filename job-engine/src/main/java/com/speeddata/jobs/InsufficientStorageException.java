package com.speeddata.jobs;

import java.io.IOException;
import java.util.Locale;

/**
 * The result directory has no room for a file: its filesystem is full (or would keep less than its safety margin),
 * or the directory already holds its cap. Not retryable in the retry sense: trying again at once rewrites the same
 * bytes into the same full disk. The HTTP adapter answers 507; a job fails with {@link #JOB_ERROR_CODE}.
 */
public final class InsufficientStorageException extends JobException {
    /** The code a job that ran out of room fails with. */
    public static final String JOB_ERROR_CODE = "DISK_FULL";
    /** What the operating system says for ENOSPC and EDQUOT, the two ways a write runs out of room. */
    private static final String[] OUT_OF_ROOM = {"no space left on device", "disk quota exceeded"};

    private final long neededBytes;
    private final long availableBytes;

    /**
     * @param neededBytes    what the file was estimated to take (0 when a write simply found the disk full)
     * @param availableBytes what could still be written under the bounds (0 when unknown)
     */
    public InsufficientStorageException(String message, long neededBytes, long availableBytes) {
        super(message);
        this.neededBytes = neededBytes;
        this.availableBytes = availableBytes;
    }

    /** A write that the filesystem refused for want of space. */
    public static InsufficientStorageException diskFull() {
        return new InsufficientStorageException(
                "the disk holding results ran full while the file was written; "
                        + "it was deleted. Retry once results have expired or been deleted",
                0,
                0);
    }

    /**
     * True when the failure, or one of its causes, is this exception or an I/O error for want of space (ENOSPC,
     * EDQUOT). Writers wrap I/O errors (jHDF in its own unchecked exception), so the whole chain is searched.
     */
    public static boolean explains(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InsufficientStorageException) {
                return true;
            }
            if (cause instanceof IOException && cause.getMessage() != null) {
                String message = cause.getMessage().toLowerCase(Locale.ROOT);
                for (String text : OUT_OF_ROOM) {
                    if (message.contains(text)) {
                        return true;
                    }
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    public long neededBytes() {
        return neededBytes;
    }

    public long availableBytes() {
        return availableBytes;
    }
}
