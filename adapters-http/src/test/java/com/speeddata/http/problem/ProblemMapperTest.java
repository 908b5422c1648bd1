package com.speeddata.http.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class ProblemMapperTest {
    @Test
    void a_pool_timeout_under_load_is_a_503_with_retry_after() {
        RuntimeException wrapped = new IllegalStateException(
                "database error while claiming a job",
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
        assertEquals(
                "tenant acme already has 100 jobs queued, its quota; retry when some have started",
                answer.problem().detail());
    }

    @Test
    void an_unforeseen_failure_is_a_500_that_shows_no_internals() {
        ProblemException answer = ProblemMapper.toProblem(new IllegalStateException("SELECT secret FROM /etc/x"));
        assertEquals(500, answer.problem().status());
        assertEquals("INTERNAL_ERROR", answer.problem().code());
        assertFalse(answer.problem().detail().contains("secret"));
    }

    @Test
    void a_body_that_cannot_be_read_to_its_end_is_the_clients_fault_not_a_500() {
        ProblemException cutOff = ProblemMapper.toProblem(
                new BodyReadException(false, new org.eclipse.jetty.io.EofException("Early EOF")));
        assertEquals(400, cutOff.problem().status());
        assertEquals("MALFORMED_BODY", cutOff.problem().code());
        ProblemException slow = ProblemMapper.toProblem(new BodyReadException(
                true, new org.eclipse.jetty.http.BadMessageException(408, "Request content data rate < 1024 B/s")));
        assertEquals(408, slow.problem().status());
        assertEquals("REQUEST_TIMEOUT", slow.problem().code());
        assertEquals(1024L, slow.problem().suggestion().get("min_bytes_per_second"));
        assertEquals("close", slow.headers().get("Connection"));
        assertFalse(slow.problem().detail().contains("B/s"), "Jetty's reason stays in the log");
    }

    @Test
    void every_status_the_http_layer_refuses_with_has_its_own_stable_code() {
        java.util.Map<Integer, String> codes = new java.util.LinkedHashMap<>();
        for (int status : new int[] {400, 404, 405, 408, 411, 413, 414, 415, 417, 426, 431, 501, 503, 505}) {
            Problem problem = ProblemMapper.forStatus(status);
            assertEquals(status, problem.status());
            assertFalse(codes.containsValue(problem.code()), problem.code() + " used twice");
            codes.put(status, problem.code());
        }
        assertEquals("MALFORMED_REQUEST", codes.get(400));
        assertEquals("HEADERS_TOO_LARGE", codes.get(431));
    }
}
