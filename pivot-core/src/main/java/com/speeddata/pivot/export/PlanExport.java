package com.speeddata.pivot.export;

import com.speeddata.pivot.FieldError;
import com.speeddata.pivot.InvalidRequestException;
import com.speeddata.pivot.JsonPointer;
import com.speeddata.pivot.Quote;
import com.speeddata.pivot.UnknownNamesException;
import com.speeddata.pivot.catalog.Catalog;
import com.speeddata.pivot.time.IsoDurations;
import com.speeddata.pivot.time.TimeRange;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Use case: turns an {@link ExportRequest} into an {@link ExportPlan}, checked against the catalog and the clock.
 * Every problem is collected before anything is thrown. When the request has field errors they win (400,
 * {@link InvalidRequestException}); otherwise names the catalog lacks give one {@link UnknownNamesException}
 * (404) listing each of them: a whole channel as {@code channel}, a signal of a known channel as
 * {@code channel/signal}.
 */
public final class PlanExport {
    /** The most grid rows an aligned export may have; the byte limit (413) is checked elsewhere, on the estimate. */
    public static final long MAX_GRID_ROWS = 1L << 40;

    private static final String INTERVAL = "/interval";

    private final Catalog catalog;
    private final Clock clock;

    public PlanExport(Catalog catalog, Clock clock) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public ExportPlan plan(ExportRequest request) {
        Objects.requireNonNull(request, "request");
        List<FieldError> errors = new ArrayList<>();
        TimeRange range = resolve(request, errors);
        SignalChoice choice = SignalChoice.of(request, catalog, errors);
        checkSignalKeys("/fill", request.fill().perSignal().keySet(), choice, errors);
        checkSignalKeys("/max_gap", request.maxGap().perSignal().keySet(), choice, errors);
        long intervalNs = request.layout() == Layout.ALIGNED
                ? interval(request, choice, errors)
                : refuseInterval(request, errors);
        if (request.quality() && request.layout() != Layout.ALIGNED) {
            errors.add(new FieldError(
                    "/quality",
                    "the raw layout exports stored samples only, so every value is "
                            + "observed; quality flags need \"layout\": \"aligned\""));
        }
        if (range != null && intervalNs > 0) {
            checkGrid(range, intervalNs, errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        if (!choice.unknown().isEmpty()) {
            throw new UnknownNamesException(choice.unknown());
        }
        List<ExportColumn> columns = choice.chosen().stream()
                .map(info -> new ExportColumn(
                        info,
                        request.fill().forSignal(info.key().path()),
                        request.aggregate(),
                        request.maxGap().forSignal(info.key().path())))
                .toList();
        return new ExportPlan(range, request.layout(), request.format(), intervalNs, columns, request.quality());
    }

    private TimeRange resolve(ExportRequest request, List<FieldError> errors) {
        try {
            return request.timeRange().resolve(clock);
        } catch (InvalidRequestException e) {
            errors.addAll(e.errors());
            return null;
        }
    }

    /** Keys of a per-signal object ({@code fill}, {@code max_gap}) must name exported signals. */
    private static void checkSignalKeys(
            String field, java.util.Set<String> keys, SignalChoice choice, List<FieldError> errors) {
        for (String path : new TreeSet<>(keys)) {
            if (!choice.requestedPaths().contains(path)) {
                errors.add(
                        new FieldError(
                                JsonPointer.append(field, path),
                                Quote.of(path)
                                        + " is not one of the exported signals; keys are channel/signal, e.g. \"ch1/voltage\""));
            }
        }
    }

    /** The requested interval, or the smallest sample period of the chosen regular signals; 0 when unknowable. */
    private static long interval(ExportRequest request, SignalChoice choice, List<FieldError> errors) {
        if (request.intervalNs() != null) {
            return request.intervalNs();
        }
        if (!choice.unknown().isEmpty() || choice.chosen().isEmpty()) {
            return 0;
        }
        long smallest = choice.chosen().stream()
                .filter(info -> info.definition().isRegular())
                .mapToLong(info -> info.definition().periodNs())
                .min()
                .orElse(0);
        if (smallest == 0) {
            errors.add(new FieldError(
                    INTERVAL,
                    "an interval is required when every chosen signal is irregular "
                            + "(has no sample rate). Examples: " + IsoDurations.EXAMPLES));
        }
        return smallest;
    }

    private static long refuseInterval(ExportRequest request, List<FieldError> errors) {
        if (request.intervalNs() != null) {
            errors.add(new FieldError(
                    INTERVAL,
                    "the raw layout has no grid, so it takes no interval; "
                            + "leave it out or use \"layout\": \"aligned\""));
        }
        return 0;
    }

    private static void checkGrid(TimeRange range, long intervalNs, List<FieldError> errors) {
        long rows = range.durationNs() / intervalNs + (range.durationNs() % intervalNs == 0 ? 0 : 1);
        if (rows > MAX_GRID_ROWS) {
            errors.add(new FieldError(
                    INTERVAL,
                    "an interval of " + IsoDurations.format(intervalNs) + " gives "
                            + rows + " grid rows over this range, more than the limit of " + MAX_GRID_ROWS
                            + "; choose a coarser interval or a shorter range"));
        }
    }
}
