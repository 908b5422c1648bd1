package com.speeddata.http.jobs;

import static com.speeddata.http.RouteServer.assertProblem;
import static com.speeddata.http.RouteServer.body;
import static com.speeddata.http.RouteServer.pointers;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.speeddata.http.DirectoryResults;
import com.speeddata.http.RouteServer;
import com.speeddata.http.TestEngines;
import com.speeddata.jobs.AdoptedJob;
import com.speeddata.jobs.InMemoryJobStore;
import com.speeddata.jobs.Job;
import com.speeddata.jobs.JobEngine;
import com.speeddata.jobs.JobId;
import com.speeddata.jobs.NewJob;
import com.speeddata.jobs.SteppedClock;
import com.speeddata.jobs.access.Caller;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Status, listing, cancel, delete and download of export jobs. The engine is not started: each job is put in the
 * state a test needs through the engine's own calls (submit leaves it queued, adopt makes it running), so the routes
 * are tested apart from any worker.
 */
class PivotJobRoutesTest {
    private static final byte[] FILE =
            "time,ch1/v\n2026-01-05T00:00:00.000000000Z,1\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private final SteppedClock clock = new SteppedClock(Instant.parse("2026-01-05T12:00:00Z"));
    private final InMemoryJobStore jobs = new InMemoryJobStore();
    private DirectoryResults results;
    private JobEngine engine;
    private RouteServer server;

    @BeforeEach
    void start() {
        results = new DirectoryResults(dir);
        engine = TestEngines.engine(jobs, results, List.of(), clock);
        server = RouteServer.start(List.of(new PivotJobRoutes(engine, results, clock)::register));
    }

    @AfterEach
    void stop() {
        server.close();
        engine.close();
    }

    @Test
    void a_queued_job_answers_its_status_with_retry_after_growing_with_its_age() {
        Job job = queued(Caller.LOCAL.tenant());
        HttpResponse<String> young = server.get(path(job));
        assertEquals(200, young.statusCode(), young.body());
        JsonNode status = body(young);
        assertEquals(job.id().toString(), status.get("job_id").asText());
        assertEquals("queued", status.get("status").asText());
        assertTrue(status.get("download_url").isNull());
        assertTrue(status.get("progress").has("percent"));
        assertEquals("1", young.headers().firstValue("Retry-After").orElseThrow());

        clock.advance(Duration.ofMinutes(1));
        assertEquals(
                "6", server.get(path(job)).headers().firstValue("Retry-After").orElseThrow());
    }

    @Test
    void a_completed_job_has_its_download_url_and_result_and_no_retry_after() throws IOException {
        Job job = completed();
        HttpResponse<String> response = server.get(path(job));
        JsonNode status = body(response);
        assertEquals("completed", status.get("status").asText());
        assertEquals(path(job) + "/download", status.get("download_url").asText());
        assertEquals(FILE.length, status.get("result").get("bytes").asLong());
        assertEquals("text/csv", status.get("result").get("content_type").asText());
        assertTrue(status.hasNonNull("expires_at"));
        assertTrue(response.headers().firstValue("Retry-After").isEmpty());
    }

    @Test
    void another_owners_job_and_an_id_that_is_not_a_uuid_are_404_as_no_job() {
        Job acmes = queued("acme");
        String nobodys = UUID.randomUUID().toString();
        JsonNode other = assertProblem(server.get(path(acmes)), 404, "JOB_NOT_FOUND");
        JsonNode none = assertProblem(server.get("/api/v1/pivot/jobs/" + nobodys), 404, "JOB_NOT_FOUND");
        assertEquals(
                none.get("detail").asText().replace(nobodys, "ID"),
                other.get("detail").asText().replace(acmes.id().toString(), "ID"));
        assertProblem(server.delete(path(acmes)), 404, "JOB_NOT_FOUND");
        assertProblem(server.get(path(acmes) + "/download"), 404, "JOB_NOT_FOUND");
        assertProblem(server.get("/api/v1/pivot/jobs/not-a-uuid"), 404, "JOB_NOT_FOUND");
    }

    @Test
    void the_listing_is_the_callers_jobs_newest_first_a_page_at_a_time() throws IOException {
        Job first = queued(Caller.LOCAL.tenant());
        clock.advance(Duration.ofSeconds(1));
        queued("acme");
        clock.advance(Duration.ofSeconds(1));
        Job second = completed();
        clock.advance(Duration.ofSeconds(1));
        Job third = queued(Caller.LOCAL.tenant());

        assertEquals(List.of(third.id(), second.id(), first.id()), ids(body(server.get("/api/v1/pivot/jobs"))));
        assertEquals(List.of(second.id()), ids(body(server.get("/api/v1/pivot/jobs?status=completed"))), "one state");

        JsonNode page = body(server.get("/api/v1/pivot/jobs?limit=2"));
        assertEquals(List.of(third.id(), second.id()), ids(page));
        JsonNode rest = body(server.get(
                "/api/v1/pivot/jobs?limit=2&cursor=" + page.get("next_cursor").asText()));
        assertEquals(List.of(first.id()), ids(rest));
        assertTrue(rest.get("next_cursor").isNull());
    }

    @Test
    void a_bad_listing_parameter_is_400_naming_it() {
        assertEquals(
                List.of("/status", "/limit"),
                pointers(assertProblem(server.get("/api/v1/pivot/jobs?status=done&limit=0"), 400, "INVALID_REQUEST")));
        assertEquals(
                List.of("/cursor"),
                pointers(assertProblem(server.get("/api/v1/pivot/jobs?cursor=xyz"), 400, "INVALID_REQUEST")));
        assertEquals(
                List.of("/colour"),
                pointers(assertProblem(server.get("/api/v1/pivot/jobs?colour=red"), 400, "INVALID_REQUEST")));
        assertProblem(server.get("/api/v1/pivot/jobs?tenant=acme"), 403, "FORBIDDEN");
    }

    @Test
    void delete_cancels_a_queued_job_at_once_and_asks_a_running_one_to_stop() {
        Job queued = queued(Caller.LOCAL.tenant());
        HttpResponse<String> cancelled = server.delete(path(queued));
        assertEquals(200, cancelled.statusCode(), cancelled.body());
        assertEquals("cancelled", body(cancelled).get("status").asText());
        assertEquals("cancelled", body(server.get(path(queued))).get("status").asText());
        assertEquals(204, server.delete(path(queued)).statusCode(), "a finished job: DELETE is idempotent");

        Job running = engine.adopt(newJob(Caller.LOCAL.tenant())).job();
        HttpResponse<String> stopping = server.delete(path(running));
        assertEquals(202, stopping.statusCode(), stopping.body());
        assertEquals("running", body(stopping).get("status").asText(), "until its worker sees the request");
    }

    @Test
    void delete_on_a_completed_job_expires_its_result_and_the_download_is_then_410() throws IOException {
        Job job = completed();
        assertEquals(200, server.get(path(job) + "/download").statusCode());
        HttpResponse<String> deleted = server.delete(path(job));
        assertEquals(204, deleted.statusCode(), deleted.body());
        assertEquals("expired", body(server.get(path(job))).get("status").asText());
        assertProblem(server.get(path(job) + "/download"), 410, "RESULT_EXPIRED");
    }

    @Test
    void the_download_of_a_job_not_yet_completed_is_409_with_retry_after() {
        Job job = queued(Caller.LOCAL.tenant());
        HttpResponse<String> response = server.get(path(job) + "/download");
        assertProblem(response, 409, "JOB_NOT_COMPLETED");
        assertTrue(response.headers().firstValue("Retry-After").isPresent());
    }

    @Test
    void the_download_is_the_file_with_a_strong_etag_and_its_name() throws IOException {
        Job job = completed();
        HttpResponse<byte[]> response = download(server.request(path(job) + "/download"));
        assertEquals(200, response.statusCode());
        assertArrayEquals(FILE, response.body());
        assertEquals("\"" + job(job).result().sha256() + "\"", etag(response));
        assertEquals("bytes", response.headers().firstValue("Accept-Ranges").orElseThrow());
        assertEquals("text/csv", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(
                "attachment; filename=\"export_20260105_120000.csv\"",
                response.headers().firstValue("Content-Disposition").orElseThrow());

        HttpResponse<byte[]> head =
                download(server.request(path(job) + "/download").method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, head.statusCode());
        assertEquals(
                Integer.toString(FILE.length),
                head.headers().firstValue("Content-Length").orElseThrow());
        assertEquals(0, head.body().length);
    }

    @Test
    void if_none_match_with_the_current_etag_is_304_and_with_another_the_whole_file() throws IOException {
        Job job = completed();
        String etag = etag(download(server.request(path(job) + "/download")));
        for (String matching : List.of(etag, "W/" + etag, "\"other\", " + etag, "*")) {
            HttpResponse<byte[]> response =
                    download(server.request(path(job) + "/download").header("If-None-Match", matching));
            assertEquals(304, response.statusCode(), matching);
            assertEquals(0, response.body().length);
        }
        HttpResponse<byte[]> changed =
                download(server.request(path(job) + "/download").header("If-None-Match", "\"other\""));
        assertEquals(200, changed.statusCode());
        assertArrayEquals(FILE, changed.body());
    }

    @Test
    void a_range_is_answered_206_with_those_bytes_and_a_range_outside_the_file_is_416() throws IOException {
        Job job = completed();
        HttpResponse<byte[]> part =
                download(server.request(path(job) + "/download").header("Range", "bytes=5-9"));
        assertEquals(206, part.statusCode());
        assertArrayEquals(Arrays.copyOfRange(FILE, 5, 10), part.body());
        assertEquals(
                "bytes 5-9/" + FILE.length,
                part.headers().firstValue("Content-Range").orElseThrow());

        HttpResponse<byte[]> tail =
                download(server.request(path(job) + "/download").header("Range", "bytes=-4"));
        assertEquals(206, tail.statusCode());
        assertArrayEquals(Arrays.copyOfRange(FILE, FILE.length - 4, FILE.length), tail.body());

        HttpResponse<byte[]> stale = download(server.request(path(job) + "/download")
                .header("Range", "bytes=5-9")
                .header("If-Range", "\"an-older-version\""));
        assertEquals(200, stale.statusCode(), "If-Range names another version: the whole file");
        assertArrayEquals(FILE, stale.body());

        HttpResponse<byte[]> outside =
                download(server.request(path(job) + "/download").header("Range", "bytes=" + FILE.length + "-"));
        assertProblem(
                outside.statusCode(),
                outside.headers(),
                new String(outside.body(), StandardCharsets.UTF_8),
                416,
                "RANGE_NOT_SATISFIABLE");
        assertEquals(
                "bytes */" + FILE.length,
                outside.headers().firstValue("Content-Range").orElseThrow());
    }

    private Job queued(String owner) {
        return jobs.submit(newJob(owner), clock.instant(), 100).job();
    }

    /** A local export job that ran and wrote {@link #FILE} as its CSV result. */
    private Job completed() throws IOException {
        NewJob job = newJob(Caller.LOCAL.tenant());
        AdoptedJob adopted = engine.adopt(job);
        Path file = results.newFile(job.id(), 1, "csv");
        Files.write(file, FILE);
        adopted.completed(results.describe(file, "text/csv"));
        return job(adopted.job());
    }

    private static NewJob newJob(String owner) {
        return new NewJob(JobId.random(), PivotJobRoutes.KIND, owner, "hash", "{\"format\": \"csv\"}", 1);
    }

    private Job job(Job job) {
        return engine.find(job.id()).orElseThrow();
    }

    private HttpResponse<byte[]> download(HttpRequest.Builder request) {
        return server.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String etag(HttpResponse<byte[]> response) {
        return response.headers().firstValue("ETag").orElseThrow();
    }

    private static String path(Job job) {
        return "/api/v1/pivot/jobs/" + job.id();
    }

    private static List<JobId> ids(JsonNode listing) {
        List<JobId> ids = new ArrayList<>();
        listing.get("jobs")
                .forEach(j -> ids.add(JobId.parse(j.get("job_id").asText()).orElseThrow()));
        return ids;
    }
}
