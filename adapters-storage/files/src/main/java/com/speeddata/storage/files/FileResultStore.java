package com.speeddata.storage.files;

import com.speeddata.jobs.JobId;
import com.speeddata.jobs.JobResult;
import com.speeddata.jobs.ResultFile;
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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Result files in one directory (under DATA_DIR; a shared mount when several instances run). A location is a
 * bare file name, so a stored location can never point outside the directory.
 */
public final class FileResultStore implements ResultStore {
    private static final Pattern LOCATION = Pattern.compile("[A-Za-z0-9._-]{1,200}");
    /** What {@link #newFile} names a file: job id, attempt, a random part, extension. */
    private static final Pattern NEW_FILE = Pattern.compile("([0-9a-f-]{36})-(\\d{1,9})-[0-9a-f]{8}\\.[a-z0-9]+");

    private static final int HASH_BUFFER = 1 << 20;
    private static final boolean WINDOWS = System.getProperty("os.name", "").startsWith("Windows");

    private final Path directory;
    private final ResultSpace space;

    /** A directory without bounds: it takes files until the disk is full. */
    public FileResultStore(Path directory) {
        this(directory, Long.MAX_VALUE, 0);
    }

    /**
     * @param maxBytes     most the directory may hold, counting files being written at their estimate
     * @param minFreeBytes free space kept on the directory's filesystem: a file that would leave less is refused
     */
    public FileResultStore(Path directory, long maxBytes, long minFreeBytes) {
        this.directory = directory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the result directory " + this.directory, e);
        }
        this.space = new ResultSpace(this.directory, maxBytes, minFreeBytes);
    }

    @Override
    public Reservation reserve(Path file, long estimatedBytes) {
        return space.reserve(file.toAbsolutePath().normalize(), estimatedBytes);
    }

    @Override
    public void checkRoom(long estimatedBytes) {
        space.reserve(null, estimatedBytes).close();
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
        return describe(file, contentType, bytes, HexFormat.of().formatHex(sha256.digest()));
    }

    @Override
    public JobResult describe(Path file, String contentType, long bytes, String sha256) throws IOException {
        makeDurable(file);
        return new JobResult(
                bytes,
                sha256,
                contentType,
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
    public List<ResultFile> files() throws IOException {
        List<ResultFile> files = new ArrayList<>();
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path file : (Iterable<Path>) entries::iterator) {
                Matcher name = NEW_FILE.matcher(file.getFileName().toString());
                Optional<JobId> job = name.matches() ? JobId.parse(name.group(1)) : Optional.empty();
                if (job.isPresent() && Files.isRegularFile(file)) {
                    try {
                        files.add(new ResultFile(
                                name.group(),
                                job.get(),
                                Integer.parseInt(name.group(2)),
                                Files.getLastModifiedTime(file).toInstant()));
                    } catch (java.nio.file.NoSuchFileException deletedMeanwhile) {
                        // expired or cancelled while we listed: nothing to sweep
                    }
                }
            }
        }
        return files;
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

    /**
     * Flushes the file's data, then the directory that names it, to the disk. Windows cannot open a directory to
     * flush it (nor needs to: NTFS journals the name).
     */
    private void makeDurable(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.force(false);
        }
        if (!WINDOWS) {
            try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
                channel.force(true);
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
