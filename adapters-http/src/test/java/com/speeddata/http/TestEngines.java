package com.speeddata.http;

import com.speeddata.jobs.EngineSettings;
import com.speeddata.jobs.JobEngine;
import com.speeddata.jobs.JobHandler;
import com.speeddata.jobs.JobStore;
import com.speeddata.jobs.LocalWakeup;
import com.speeddata.jobs.ResultStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** A job engine for route tests: one worker, short polls and leases, results kept an hour. Not started. */
public final class TestEngines {
    private TestEngines() {}

    public static JobEngine engine(JobStore jobs, ResultStore results, List<JobHandler> handlers, Clock clock) {
        return new JobEngine(jobs, results, handlers, new LocalWakeup(), clock, settings());
    }

    public static EngineSettings settings() {
        return new EngineSettings(
                "test",
                1,
                Duration.ofSeconds(30),
                Duration.ofMillis(20),
                Duration.ofMillis(20),
                3,
                Duration.ofMillis(50),
                Duration.ofHours(1),
                100,
                Duration.ofHours(1));
    }
}
