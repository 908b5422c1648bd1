package com.speeddata.http.problem;

import org.junit.jupiter.api.Test;

import java.sql.SQLTransientConnectionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class ProblemMapperTest {
    @Test
    void a_pool_timeout_under_load_is_a_503_with_retry_after() {
        RuntimeException wrapped = new IllegalStateException("database error while claiming a job",
                new SQLTransientConnectionException("speeddata-postgresql - Connection is not available"));
        ProblemException answer = ProblemMapper.toProblem(wrapped);
        assertEquals(503, answer.problem().status());
        assertEquals("DATABASE_BUSY", answer.problem().code());
        assertEquals("2", answer.headers().get("Retry-After"));
    }

    @Test
    void a_tenant_over_its_queued_quota_is_a_429_quota_exceeded_with_retry_after() {
        ProblemException answer = ProblemMapper.toProblem(new com.speeddata.jobs.QuotaExceededException("acme", 100));
        assertEquals(429, answer.problem().status());
        assertEquals("QUOTA_EXCEEDED", answer.problem().code());
        assertEquals("30", answer.headers().get("Retry-After"));
        assertEquals("tenant acme already has 100 jobs queued, its quota; retry when some have started",
                answer.problem().detail());
    }

    @Test
    void an_unforeseen_failure_is_a_500_that_shows_no_internals() {
        ProblemException answer = ProblemMapper.toProblem(new IllegalStateException("SELECT secret FROM /etc/x"));
        assertEquals(500, answer.problem().status());
        assertEquals("INTERNAL_ERROR", answer.problem().code());
        assertFalse(answer.problem().detail().contains("secret"));
    }
}
