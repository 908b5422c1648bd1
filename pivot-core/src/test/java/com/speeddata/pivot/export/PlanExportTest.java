package com.speeddata.pivot.export;

import static com.speeddata.pivot.export.Fixtures.MS;
import static com.speeddata.pivot.export.Fixtures.SECOND;
import static com.speeddata.pivot.export.Fixtures.define;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.speeddata.pivot.FieldError;
import com.speeddata.pivot.InvalidRequestException;
import com.speeddata.pivot.UnknownNamesException;
import com.speeddata.pivot.testing.InMemoryStore;
import com.speeddata.pivot.time.TimeRange;
import com.speeddata.pivot.time.TimeRangeSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanExportTest {
    private static final TimeRangeSpec ONE_SECOND = new TimeRangeSpec.StartEnd(0, SECOND);
    private final InMemoryStore catalog = new InMemoryStore();
    private final PlanExport planExport =
            new PlanExport(catalog, Clock.fixed(Instant.ofEpochSecond(100), ZoneOffset.UTC));

    PlanExportTest() {
        define(catalog, "ch1/voltage", 1000.0);
        define(catalog, "ch1/current", 100.0);
        define(catalog, "ch1/alarm", null);
        define(catalog, "ch2/temp", 10.0);
        define(catalog, "ch3/events", null);
    }

    private static ExportRequest request(List<String> channels, Map<String, SignalSelection> signals) {
        return new ExportRequest(ONE_SECOND, channels, signals, null, null, null, null, null, null);
    }

    private static ExportRequest withInterval(Layout layout, Long intervalNs, String... channels) {
        return new ExportRequest(ONE_SECOND, List.of(channels), null, null, null, layout, intervalNs, null, null);
    }

    private static SignalSelection named(String... signals) {
        return new SignalSelection.Named(List.of(signals));
    }

    private static List<String> paths(ExportPlan plan) {
        return plan.columns().stream().map(c -> c.key().path()).toList();
    }

    private List<FieldError> errors(ExportRequest request) {
        return assertThrows(InvalidRequestException.class, () -> planExport.plan(request))
                .errors();
    }

    private static List<String> pointers(List<FieldError> errors) {
        return errors.stream().map(FieldError::pointer).toList();
    }

    @Test
    void columns_follow_the_requested_channels_then_named_signals_or_catalog_order() {
        Map<String, SignalSelection> signals = new LinkedHashMap<>();
        signals.put("ch1", named("voltage", "alarm"));
        ExportPlan plan = planExport.plan(request(List.of("ch2", "ch1"), signals));
        assertEquals(List.of("ch2/temp", "ch1/voltage", "ch1/alarm"), paths(plan));
        assertEquals(
                List.of("ch1/alarm", "ch1/current", "ch1/voltage"),
                paths(planExport.plan(request(List.of("ch1"), Map.of("ch1", SignalSelection.ALL)))));
    }

    @Test
    void plan_resolves_the_range_and_takes_the_contract_defaults() {
        ExportPlan plan = planExport.plan(new ExportRequest(
                new TimeRangeSpec.DurationToNow(SECOND), List.of("ch2"), null, null, null, null, null, null, null));
        assertEquals(new TimeRange(99 * SECOND, 100 * SECOND), plan.range());
        assertEquals(Layout.ALIGNED, plan.layout());
        assertEquals(Format.HDF5, plan.format());
        assertEquals(Fill.LINEAR, plan.columns().get(0).fill());
        assertEquals(Aggregate.MEAN, plan.columns().get(0).aggregate());
    }

    @Test
    void default_interval_is_the_smallest_period_among_the_chosen_regular_signals() {
        assertEquals(MS, planExport.plan(withInterval(null, null, "ch2", "ch1")).intervalNs());
        assertEquals(
                100 * MS,
                planExport.plan(withInterval(null, null, "ch2", "ch3")).intervalNs());
    }

    @Test
    void only_irregular_signals_and_no_interval_is_an_error_at_the_interval() {
        assertEquals(List.of("/interval"), pointers(errors(withInterval(null, null, "ch3"))));
        assertEquals(7 * MS, planExport.plan(withInterval(null, 7 * MS, "ch3")).intervalNs());
    }

    @Test
    void raw_layout_refuses_an_interval_and_plans_without_one() {
        assertEquals(List.of("/interval"), pointers(errors(withInterval(Layout.RAW, MS, "ch1"))));
        assertEquals(0, planExport.plan(withInterval(Layout.RAW, null, "ch3")).intervalNs());
    }

    @Test
    void grid_beyond_two_to_the_forty_rows_is_an_error_at_the_interval() {
        ExportRequest request = new ExportRequest(
                new TimeRangeSpec.StartEnd(0, (1L << 40) + 1), List.of("ch1"), null, null, null, null, 1L, null, null);
        assertEquals(List.of("/interval"), pointers(errors(request)));
        ExportRequest limit = new ExportRequest(
                new TimeRangeSpec.StartEnd(0, 1L << 40), List.of("ch1"), null, null, null, null, 1L, null, null);
        assertEquals(1L << 40, planExport.plan(limit).gridRows());
    }

    @Test
    void no_channels_is_an_error_at_channels() {
        assertEquals(List.of("/channels"), pointers(errors(request(List.of(), null))));
    }

    @Test
    void every_unknown_channel_and_signal_is_named() {
        Map<String, SignalSelection> signals = new LinkedHashMap<>();
        signals.put("ch1", named("voltage", "nope", "gone"));
        signals.put("ch8", named("x"));
        UnknownNamesException e = assertThrows(
                UnknownNamesException.class, () -> planExport.plan(request(List.of("ch9", "ch1", "ch8"), signals)));
        assertEquals(List.of("ch9", "ch1/nope", "ch1/gone", "ch8"), e.names());
    }

    @Test
    void signals_for_a_channel_that_is_not_requested_is_an_error_at_that_key() {
        assertEquals(List.of("/signals/ch2"), pointers(errors(request(List.of("ch1"), Map.of("ch2", named("temp"))))));
    }

    @Test
    void repeated_or_malformed_names_are_errors_at_their_position() {
        assertEquals(
                List.of("/channels/1", "/channels/2"),
                pointers(errors(request(List.of("ch1", "ch1", "bad name"), null))));
        assertEquals(
                List.of("/signals/ch1/1", "/signals/ch1/2"),
                pointers(errors(request(List.of("ch1"), Map.of("ch1", named("voltage", "voltage", "a/b"))))));
    }

    @Test
    void fill_override_must_name_a_chosen_signal() {
        FillSpec fill = new FillSpec(Fill.LINEAR, Map.of("ch2/temp", Fill.NONE, "ch1/voltage", Fill.PREVIOUS));
        ExportRequest request = new ExportRequest(ONE_SECOND, List.of("ch1"), null, null, null, null, null, fill, null);
        List<FieldError> errors = errors(request);
        assertEquals(List.of("/fill/ch2~1temp"), pointers(errors));
    }

    @Test
    void fill_override_applies_to_its_column_only() {
        FillSpec fill = new FillSpec(Fill.NEAREST, Map.of("ch1/voltage", Fill.PREVIOUS));
        ExportPlan plan = planExport.plan(new ExportRequest(
                ONE_SECOND,
                List.of("ch1"),
                Map.of("ch1", named("voltage", "current")),
                null,
                null,
                null,
                null,
                fill,
                Aggregate.MAX));
        assertEquals(
                List.of(Fill.PREVIOUS, Fill.NEAREST),
                plan.columns().stream().map(ExportColumn::fill).toList());
        assertEquals(
                List.of(Aggregate.MAX, Aggregate.MAX),
                plan.columns().stream().map(ExportColumn::aggregate).toList());
    }

    @Test
    void max_gap_override_applies_to_its_column_and_the_rest_keep_the_request_default() {
        MaxGapSpec maxGap = new MaxGapSpec(SECOND, Map.of("ch1/voltage", MS));
        ExportPlan plan = planExport.plan(new ExportRequest(
                ONE_SECOND,
                List.of("ch1"),
                Map.of("ch1", named("voltage", "current")),
                null,
                null,
                null,
                null,
                null,
                null,
                maxGap,
                true));
        assertEquals(
                java.util.Arrays.asList(MS, SECOND),
                plan.columns().stream().map(ExportColumn::maxGapNs).toList());
        assertEquals(true, plan.quality());

        ExportPlan defaults = planExport.plan(request(List.of("ch1"), Map.of("ch1", named("voltage"))));
        assertEquals(null, defaults.columns().get(0).maxGapNs(), "null: the contract's default");
        assertEquals(false, defaults.quality());
    }

    @Test
    void max_gap_override_must_name_a_chosen_signal_and_quality_needs_the_aligned_layout() {
        MaxGapSpec maxGap = new MaxGapSpec(null, Map.of("ch2/temp", SECOND));
        assertEquals(
                List.of("/max_gap/ch2~1temp"),
                pointers(errors(new ExportRequest(
                        ONE_SECOND, List.of("ch1"), null, null, null, null, null, null, null, maxGap, false))));
        assertEquals(
                List.of("/quality"),
                pointers(errors(new ExportRequest(
                        ONE_SECOND, List.of("ch1"), null, null, null, Layout.RAW, null, null, null, null, true))));
    }

    @Test
    void all_field_errors_are_reported_together_and_win_over_unknown_names() {
        ExportRequest request = new ExportRequest(
                new TimeRangeSpec.StartEnd(5, 5),
                List.of("ch9", "ch9"),
                Map.of("ch7", named("x")),
                null,
                null,
                Layout.RAW,
                MS,
                null,
                null);
        assertEquals(List.of("/time_range", "/channels/1", "/signals/ch7", "/interval"), pointers(errors(request)));
    }
}
