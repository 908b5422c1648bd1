package com.speeddata.pivot.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ThroughputMeterTest {
    @Test
    void estimates_use_the_prior_until_something_is_measured() {
        ThroughputMeter meter = new ThroughputMeter();
        assertEquals(Duration.ofSeconds(2), meter.timeFor(100_000_000));
    }

    @Test
    void measurements_move_the_estimate_toward_what_was_seen() {
        ThroughputMeter meter = new ThroughputMeter();
        for (int i = 0; i < 30; i++) {
            meter.record(400_000_000, Duration.ofSeconds(1));
        }
        assertTrue(Math.abs(meter.bytesPerSecond() - 400e6) < 1e6, "converges: " + meter.bytesPerSecond());
    }

    @Test
    void tiny_exports_do_not_teach_anything() {
        ThroughputMeter meter = new ThroughputMeter();
        meter.record(1000, Duration.ofSeconds(1));
        meter.record(10_000_000, Duration.ZERO);
        assertEquals(ThroughputMeter.PRIOR_BYTES_PER_SECOND, meter.bytesPerSecond());
    }
}
