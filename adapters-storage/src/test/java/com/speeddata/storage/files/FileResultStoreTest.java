package com.speeddata.storage.files;

import com.speeddata.jobs.JobId;
import com.speeddata.jobs.JobResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileResultStoreTest {
    @TempDir
    Path dir;

    @Test
    void a_written_file_is_described_by_size_and_sha256_and_found_by_its_location() throws Exception {
        FileResultStore store = new FileResultStore(dir);
        Path file = store.newFile(JobId.random(), 1, "h5");
        assertFalse(Files.exists(file));
        Files.writeString(file, "abc", StandardCharsets.US_ASCII);
        JobResult result = store.describe(file, "application/x-hdf5");
        assertEquals(3, result.bytes());
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", result.sha256());
        assertEquals(file, store.open(result.location()).orElseThrow());
        store.delete(result.location());
        assertTrue(store.open(result.location()).isEmpty());
        store.delete(result.location());
    }

    @Test
    void files_are_listed_with_the_job_and_attempt_that_made_them_and_foreign_files_are_left_out() throws Exception {
        FileResultStore store = new FileResultStore(dir);
        JobId job = JobId.random();
        Path second = store.newFile(job, 2, "csv");
        Files.writeString(second, "x");
        Files.setLastModifiedTime(second, java.nio.file.attribute.FileTime.from(java.time.Instant.parse(
                "2026-01-02T03:04:05Z")));
        Files.writeString(dir.resolve("notes.txt"), "not a result");
        Files.createDirectory(dir.resolve(JobId.random() + "-1-0000000a.h5"));

        java.util.List<com.speeddata.jobs.ResultFile> files = store.files();
        assertEquals(1, files.size(), files.toString());
        assertEquals(new com.speeddata.jobs.ResultFile(second.getFileName().toString(), job, 2,
                java.time.Instant.parse("2026-01-02T03:04:05Z")), files.get(0));
    }

    @Test
    void every_attempt_gets_a_fresh_path() {
        FileResultStore store = new FileResultStore(dir);
        JobId id = JobId.random();
        assertNotEquals(store.newFile(id, 1, "h5"), store.newFile(id, 1, "h5"));
    }

    @Test
    void locations_cannot_escape_the_directory() throws Exception {
        Files.writeString(dir.resolve("secret.txt"), "x");
        FileResultStore store = new FileResultStore(dir.resolve("results"));
        assertTrue(store.open("../secret.txt").isEmpty());
        assertTrue(store.open("/etc/passwd").isEmpty());
        store.delete("../secret.txt");
        assertTrue(Files.exists(dir.resolve("secret.txt")));
    }
}
