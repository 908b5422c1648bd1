package com.speeddata.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.speeddata.http.Json;
import com.speeddata.pivot.export.SignalReceipt;
import com.speeddata.pivot.time.Timestamps;
import java.util.List;
import java.util.OptionalLong;

/**
 * The export receipt as JSON: per signal, keyed by {@code channel/signal}, {@code samples_read},
 * {@code observed_cells}, {@code filled_cells}, {@code missing_cells}, {@code first_sample} and
 * {@code last_sample} (RFC 3339 with nine fraction digits, null when no stored sample was used), and what shaped
 * the cells: {@code fill}, {@code aggregate}, {@code max_gap_ns}.
 */
public final class ExportReceipts {
    /** The member of a job's result summary that holds the receipt. */
    public static final String RECEIPT = "receipt";

    private ExportReceipts() {}

    /** A job result's summary: {@code {"receipt": {...}}}. */
    static String summary(List<SignalReceipt> receipts) {
        ObjectNode summary = Json.MAPPER.createObjectNode();
        ObjectNode bySignal = summary.putObject(RECEIPT);
        for (SignalReceipt receipt : receipts) {
            ObjectNode signal = bySignal.putObject(receipt.key().path());
            signal.put("samples_read", receipt.samplesRead());
            signal.put("observed_cells", receipt.observedCells());
            signal.put("filled_cells", receipt.filledCells());
            signal.put("missing_cells", receipt.missingCells());
            signal.put("first_sample", time(receipt.firstSampleNs()));
            signal.put("last_sample", time(receipt.lastSampleNs()));
            signal.put("fill", receipt.fill().wireName());
            signal.put("aggregate", receipt.aggregate().wireName());
            signal.put("max_gap_ns", receipt.maxGapNs());
        }
        return summary.toString();
    }

    private static String time(OptionalLong ns) {
        if (ns.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder(30);
        Timestamps.appendNineDigitsTo(text, ns.getAsLong());
        return text.toString();
    }
}
