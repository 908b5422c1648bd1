package com.speeddata.storage.files;

import com.speeddata.jobs.JobId;
import com.speeddata.jobs.JobResult;
import com.speeddata.jobs.ResultStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Result files in one directory (under DATA_DIR; a shared mount when several instances run). A location is a
 * bare file name, so a stored location can never point outside the directory.
 */
public final class FileResultStore implements ResultStore {
    private static final Pattern LOCATION = Pattern.compile("[A-Za-z0-9._-]{1,200}");
    private static final int HASH_BUFFER = 1 << 20;

    private final Path directory;

    public FileResultStore(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the result directory " + this.directory, e);
        }
    }

    @Override
    public Path newFile(JobId id, int attempt, String extension) {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        return directory.resolve(id + "-" + attempt + "-" + unique + "." + extension);
    }

    @Override
    public JobResult describe(Path file, String contentType) throws IOException {
        MessageDigest sha256 = sha256();
        ByteBuffer buffer = ByteBuffer.allocateDirect(HASH_BUFFER);
        long bytes = 0;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            int n;
            while ((n = channel.read(buffer)) >= 0) {
                buffer.flip();
                sha256.update(buffer);
                buffer.clear();
                bytes += n;
            }
        }
        return new JobResult(bytes, HexFormat.of().formatHex(sha256.digest()), contentType,
                directory.relativize(file.toAbsolutePath().normalize()).toString());
    }

    @Override
    public Optional<Path> open(String location) {
        if (!LOCATION.matcher(location).matches()) {
            return Optional.empty();
        }
        Path file = directory.resolve(location);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    @Override
    public void delete(String location) {
        open(location).ifPresent(file -> {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete result " + location, e);
            }
        });
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
