package com.speeddata.http.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.speeddata.jobs.SteppedClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class AuthFailureLogTest {
    @Test
    void ten_thousand_refusals_in_ten_seconds_write_two_summary_lines() {
        LoggerFactory.getLogger(AuthFailureLog.class); // slf4j-simple binds to System.err when first used
        SteppedClock clock = new SteppedClock(Instant.ofEpochMilli(1_000_000));
        AuthFailureLog failures = new AuthFailureLog(clock);
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            for (int i = 0; i <= 10_000; i++) {
                clock.advanceMillis(1); // 10 s of refusals
                failures.refused("GET", "/api/v1/channels", "203.0.113.9");
            }
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        long lines = log.lines()
                .filter(line -> line.contains("without a valid API key"))
                .count();
        assertEquals(2, lines, log);
        assertTrue(log.contains("refused 1 request(s) without a valid API key; latest"), log);
        assertTrue(log.contains("refused 10000 request(s) without a valid API key in the last 10 s"), log);
        assertTrue(log.contains("from 203.0.113.9"), log);
    }
}
