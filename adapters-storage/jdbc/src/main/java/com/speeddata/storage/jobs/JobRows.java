package com.speeddata.storage.jobs;

import com.speeddata.jobs.Job;
import com.speeddata.jobs.JobError;
import com.speeddata.jobs.JobId;
import com.speeddata.jobs.JobResult;
import com.speeddata.jobs.JobStatus;
import com.speeddata.jobs.Progress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Maps {@code job} rows to {@link Job} and instants to column values, the same way on both databases. */
final class JobRows {
    static final String COLUMNS = "id, kind, owner, request_hash, payload, status, progress_percent, progress_message, "
            + "progress_done, progress_failed, progress_total, attempts, max_attempts, created_at, started_at, finished_at, run_after, lease_owner, lease_expires_at, "
            + "cancel_requested, result_bytes, result_sha256, result_content_type, result_location, result_summary, "
            + "error_code, "
            + "error_message, expires_at";

    private JobRows() {}

    static Job read(ResultSet row) throws SQLException {
        String location = row.getString("result_location");
        JobResult result = location == null
                ? null
                : new JobResult(
                        row.getLong("result_bytes"),
                        row.getString("result_sha256"),
                        row.getString("result_content_type"),
                        location,
                        row.getString("result_summary"));
        String errorCode = row.getString("error_code");
        JobError error = errorCode == null ? null : new JobError(errorCode, row.getString("error_message"));
        return new Job(
                new JobId(row.getObject("id", UUID.class)),
                row.getString("kind"),
                row.getString("owner"),
                row.getString("request_hash"),
                row.getString("payload"),
                JobStatus.fromWire(row.getString("status")),
                new Progress(
                        row.getInt("progress_percent"),
                        row.getString("progress_message"),
                        row.getLong("progress_done"),
                        row.getLong("progress_failed"),
                        row.getLong("progress_total")),
                row.getInt("attempts"),
                row.getInt("max_attempts"),
                instant(row, "created_at"),
                instant(row, "started_at"),
                instant(row, "finished_at"),
                instant(row, "run_after"),
                row.getString("lease_owner"),
                instant(row, "lease_expires_at"),
                row.getBoolean("cancel_requested"),
                result,
                error,
                instant(row, "expires_at"));
    }

    static List<Job> readAll(PreparedStatement select) throws SQLException {
        List<Job> jobs = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                jobs.add(read(rows));
            }
        }
        return jobs;
    }

    /** The jobs {@code sql} selects (its columns {@link #COLUMNS}) with {@code args}. */
    static List<Job> select(Connection connection, String sql, Args args) throws SQLException {
        try (PreparedStatement select = args.bind(connection.prepareStatement(sql))) {
            return readAll(select);
        }
    }

    static Optional<Job> find(Connection connection, JobId id) throws SQLException {
        return select(connection, JobSql.BY_ID, Args.of(id.value())).stream().findFirst();
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
