package com.speeddata.export;

import java.time.Duration;

/**
 * An export that was asked for inline and cannot be served inline: too large for the inline bound, refused while
 * other inline exports hold it, or past the sync timeout. Each suggests asking for a job instead.
 */
public abstract sealed class InlineExportRefusedException extends RuntimeException {
    private InlineExportRefusedException(String message) {
        super(message);
    }

    /** An explicit {@code sync} export whose estimate alone passes the inline bytes bound. */
    public static final class TooLarge extends InlineExportRefusedException {
        TooLarge(long estimatedBytes, long maxInflightBytes) {
            super("the export is estimated at " + estimatedBytes + " bytes; inline exports may hold at most "
                    + maxInflightBytes + " bytes; ask for it as a job");
        }
    }

    /** An explicit {@code sync} export while other inline exports hold the bound; worth retrying shortly. */
    public static final class Busy extends InlineExportRefusedException {
        Busy(int maxConcurrent, long maxInflightBytes) {
            super("inline exports are at their bound (" + maxConcurrent + " at once, " + maxInflightBytes
                    + " estimated bytes); retry shortly or ask for a job");
        }
    }

    /** An explicit {@code sync} export that ran past its timeout; the write is stopped. */
    public static final class TimedOut extends InlineExportRefusedException {
        TimedOut(Duration timeout) {
            super("the export ran past the sync timeout of " + timeout + "; ask for it as a job");
        }
    }
}
