package com.speeddata.http;

import com.speeddata.jobs.JobId;
import com.speeddata.jobs.JobResult;
import com.speeddata.jobs.ResultFile;
import com.speeddata.jobs.ResultStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Result files in a temporary directory, as the file store keeps them. */
public final class DirectoryResults implements ResultStore {
    private final Path dir;

    public DirectoryResults(Path dir) {
        this.dir = dir;
    }

    @Override
    public Path newFile(JobId id, int attempt, String extension) {
        return dir.resolve(id + "-" + attempt + "." + extension);
    }

    @Override
    public JobResult describe(Path file, String contentType) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            String sha = HexFormat.of()
                    .formatHex(((DigestInputStream) in).getMessageDigest().digest());
            return describe(file, contentType, Files.size(file), sha);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public JobResult describe(Path file, String contentType, long bytes, String sha256) {
        return new JobResult(bytes, sha256, contentType, file.getFileName().toString());
    }

    @Override
    public Optional<Path> open(String location) {
        Path file = dir.resolve(location);
        return Files.exists(file) ? Optional.of(file) : Optional.empty();
    }

    @Override
    public List<ResultFile> files() {
        return List.of();
    }

    @Override
    public void delete(String location) {}
}
