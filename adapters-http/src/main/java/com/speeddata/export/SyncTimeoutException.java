package com.speeddata.export;

/** Thrown through the export's progress listener when an inline export passes its deadline. */
final class SyncTimeoutException extends RuntimeException {
    SyncTimeoutException() {
        super("inline export passed the sync timeout", null, false, false);
    }
}
