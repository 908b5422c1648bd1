package com.speeddata.pivot.export;

import java.util.Locale;

/** How an export is answered: inline in the response, or as a queued job. */
public enum ExportRoute {
    SYNC,
    ASYNC;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
