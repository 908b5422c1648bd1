package com.speeddata.storage.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.speeddata.jobs.InsufficientStorageException;
import com.speeddata.jobs.JobId;
import com.speeddata.jobs.JobResult;
import com.speeddata.jobs.ResultStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        Files.setLastModifiedTime(
                second, java.nio.file.attribute.FileTime.from(java.time.Instant.parse("2026-01-02T03:04:05Z")));
        Files.writeString(dir.resolve("notes.txt"), "not a result");
        Files.createDirectory(dir.resolve(JobId.random() + "-1-0000000a.h5"));

        java.util.List<com.speeddata.jobs.ResultFile> files = store.files();
        assertEquals(1, files.size(), files.toString());
        assertEquals(
                new com.speeddata.jobs.ResultFile(
                        second.getFileName().toString(), job, 2, java.time.Instant.parse("2026-01-02T03:04:05Z")),
                files.get(0));
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

    @Test
    void on_a_small_disk_a_file_beyond_the_free_space_less_the_margin_is_refused_and_one_within_is_held()
            throws Exception {
        try (SmallFilesystem disk = SmallFilesystem.mount(dir.resolve("small"), 8)) {
            long margin = 1 << 20;
            FileResultStore store = new FileResultStore(disk.path(), Long.MAX_VALUE, margin);
            long free = java.nio.file.Files.getFileStore(disk.path()).getUsableSpace();
            InsufficientStorageException tooBig =
                    assertThrows(InsufficientStorageException.class, () -> store.checkRoom(free - margin + 1));
            assertFalse(tooBig.getMessage().contains(disk.path().toString()), "no path reaches a client");

            Path first = store.newFile(JobId.random(), 1, "h5");
            ResultStore.Reservation held = store.reserve(first, (free - margin) / 2 + 1);
            assertThrows(
                    InsufficientStorageException.class,
                    () -> store.reserve(store.newFile(JobId.random(), 1, "h5"), (free - margin) / 2 + 1),
                    "two exports starting together cannot both count on the same free space");
            held.close();
            store.reserve(store.newFile(JobId.random(), 1, "h5"), (free - margin) / 2 + 1)
                    .close();
        }
    }

    @Test
    void the_cap_counts_stored_files_and_files_being_written_at_their_estimate() throws Exception {
        FileResultStore store = new FileResultStore(dir, 1000, 0);
        Files.write(store.newFile(JobId.random(), 1, "h5"), new byte[600]);
        assertThrows(InsufficientStorageException.class, () -> store.checkRoom(401));
        store.checkRoom(400);
        Path writing = store.newFile(JobId.random(), 1, "csv");
        try (ResultStore.Reservation held = store.reserve(writing, 300)) {
            Files.write(writing, new byte[100]);
            assertThrows(
                    InsufficientStorageException.class,
                    () -> store.checkRoom(101),
                    "the file being written counts at its estimate, not at what it wrote so far");
            store.checkRoom(100);
        }
        store.checkRoom(300);
    }

    @Test
    void a_write_into_a_full_disk_fails_with_an_error_recognised_as_disk_full() throws Exception {
        try (SmallFilesystem disk = SmallFilesystem.mount(dir.resolve("small"), 1)) {
            java.io.IOException full = assertThrows(
                    java.io.IOException.class, () -> Files.write(disk.path().resolve("big"), new byte[2 << 20]));
            assertTrue(InsufficientStorageException.explains(new java.io.UncheckedIOException(full)), full.toString());
            assertFalse(InsufficientStorageException.explains(new java.io.IOException("Connection reset")));
        }
    }
}
