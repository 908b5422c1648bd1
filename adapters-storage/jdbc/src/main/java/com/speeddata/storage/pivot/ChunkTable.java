package com.speeddata.storage.pivot;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL over {@code sample_chunk}. Every query walks the primary key {@code (signal_id, first_ns)}: chunks of a
 * signal never overlap, so the chunk holding time t is the one with the greatest {@code first_ns <= t}.
 */
final class ChunkTable {
    private static final String COLUMNS = "first_ns, last_ns, n, step_ns, times, vals";
    /*
     * Every ORDER BY names signal_id too, and "the greatest first_ns below t" is ORDER BY ... DESC LIMIT 1 rather
     * than MAX(first_ns): H2 only walks the primary key in order (stopping after LIMIT rows) when the ORDER BY
     * matches the whole key, and scans the signal's chunks for MAX with a range condition. Likewise the start of a
     * range is looked up by its own query instead of a subquery in the WHERE clause, which H2 evaluates again for
     * every row. PostgreSQL plans all of these as index range scans.
     */
    private static final String ASCENDING = " ORDER BY signal_id, first_ns";
    private static final String DESCENDING = " ORDER BY signal_id DESC, first_ns DESC";
    static final String RANGE_PAGE = "SELECT " + COLUMNS + " FROM sample_chunk"
            + " WHERE signal_id = ? AND first_ns >= ? AND first_ns <= ?" + ASCENDING + " LIMIT ?";
    static final String LAST_STARTING_AT_OR_BEFORE = "SELECT first_ns, last_ns, n FROM sample_chunk"
            + " WHERE signal_id = ? AND first_ns <= ?" + DESCENDING + " LIMIT 1";
    private static final String LAST_STARTING_BEFORE = "SELECT " + COLUMNS + " FROM sample_chunk"
            + " WHERE signal_id = ? AND first_ns < ?" + DESCENDING + " LIMIT 1";
    private static final String FIRST =
            "SELECT first_ns, last_ns, n FROM sample_chunk WHERE signal_id = ?" + ASCENDING + " LIMIT 1";
    private static final String INTERIOR_COUNT = "SELECT COALESCE(SUM(n), 0) FROM sample_chunk"
            + " WHERE signal_id = ? AND first_ns >= ? AND first_ns < ? AND last_ns < ?";
    /** The chunks starting last before {@code from} and last before {@code to}: the range's edge chunks. */
    private static final String EDGE = "(SELECT first_ns, last_ns, n, step_ns, times, NULL AS vals FROM sample_chunk"
            + " WHERE signal_id = ? AND first_ns < ?" + DESCENDING + " LIMIT 1)";

    private static final String EDGES = EDGE + " UNION ALL " + EDGE;
    private static final String DELETE_RANGE =
            "DELETE FROM sample_chunk" + " WHERE signal_id = ? AND first_ns >= ? AND first_ns <= ?";
    private static final String INSERT = "INSERT INTO sample_chunk"
            + " (signal_id, first_ns, last_ns, n, step_ns, times, vals) VALUES (?, ?, ?, ?, ?, ?, ?)";

    private ChunkTable() {}

    /**
     * A page of the chunks that may hold samples in {@code [from, to)} ({@code from < to}), in time order: the
     * first one may begin before {@code from}, the last one may reach past {@code to}.
     */
    static List<EncodedChunk> overlapping(Connection c, long signalId, long from, long to, int limit)
            throws SQLException {
        return startingIn(c, signalId, startOfRange(c, signalId, from), to - 1, limit);
    }

    /**
     * Where the chunks holding times {@code >= t} begin: the first_ns of the chunk holding t, or t itself when no
     * chunk holds it (chunks never overlap, so any later chunk begins after t).
     */
    static long startOfRange(Connection c, long signalId, long t) throws SQLException {
        ChunkBounds holding = lastStartingAtOrBefore(c, signalId, t);
        return holding != null && holding.lastNs() >= t ? holding.firstNs() : t;
    }

    /** Chunks starting in {@code [fromFirstNs, toFirstNs]} (both inclusive), in time order. */
    static List<EncodedChunk> startingIn(Connection c, long signalId, long fromFirstNs, long toFirstNs, int limit)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(RANGE_PAGE)) {
            s.setLong(1, signalId);
            s.setLong(2, fromFirstNs);
            s.setLong(3, toFirstNs);
            s.setInt(4, limit);
            return list(s, limit);
        }
    }

    /** The bounds of the chunk with the greatest {@code first_ns <= t}, without its samples. */
    static ChunkBounds lastStartingAtOrBefore(Connection c, long signalId, long t) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(LAST_STARTING_AT_OR_BEFORE)) {
            s.setLong(1, signalId);
            s.setLong(2, t);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? new ChunkBounds(rs.getLong(1), rs.getLong(2), rs.getInt(3)) : null;
            }
        }
    }

    /** The bounds of the signal's first chunk, or null when it has none. */
    static ChunkBounds first(Connection c, long signalId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(FIRST)) {
            s.setLong(1, signalId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? new ChunkBounds(rs.getLong(1), rs.getLong(2), rs.getInt(3)) : null;
            }
        }
    }

    /** The chunk with the greatest {@code first_ns < t}, which holds the last sample before t; or null. */
    static EncodedChunk lastStartingBefore(Connection c, long signalId, long t) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(LAST_STARTING_BEFORE)) {
            s.setLong(1, signalId);
            s.setLong(2, t);
            List<EncodedChunk> found = list(s, 1);
            return found.isEmpty() ? null : found.get(0);
        }
    }

    /** Samples of the chunks lying wholly inside {@code [from, to)}. */
    static long interiorCount(Connection c, long signalId, long from, long to) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(INTERIOR_COUNT)) {
            s.setLong(1, signalId);
            s.setLong(2, from);
            s.setLong(3, to);
            s.setLong(4, to);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The chunks starting last before {@code from} and last before {@code to} (each once), without values. */
    static List<EncodedChunk> edges(Connection c, long signalId, long from, long to) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(EDGES)) {
            s.setLong(1, signalId);
            s.setLong(2, from);
            s.setLong(3, signalId);
            s.setLong(4, to);
            List<EncodedChunk> edges = list(s, 2);
            if (edges.size() == 2 && edges.get(0).firstNs() == edges.get(1).firstNs()) {
                edges.remove(1); // both edges in one chunk
            }
            return edges;
        }
    }

    /** Deletes the chunks starting in {@code [fromFirstNs, toFirstNs]} (both inclusive); returns how many. */
    static int deleteStartingIn(Connection c, long signalId, long fromFirstNs, long toFirstNs) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(DELETE_RANGE)) {
            s.setLong(1, signalId);
            s.setLong(2, fromFirstNs);
            s.setLong(3, toFirstNs);
            return s.executeUpdate();
        }
    }

    static void insert(Connection c, long signalId, List<EncodedChunk> chunks) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(INSERT)) {
            for (EncodedChunk chunk : chunks) {
                s.setLong(1, signalId);
                s.setLong(2, chunk.firstNs());
                s.setLong(3, chunk.lastNs());
                s.setInt(4, chunk.n());
                if (chunk.isEvenlySpaced()) {
                    s.setLong(5, chunk.stepNs());
                } else {
                    s.setNull(5, java.sql.Types.BIGINT);
                }
                s.setBytes(6, chunk.times());
                s.setBytes(7, chunk.values());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static List<EncodedChunk> list(PreparedStatement s, int limit) throws SQLException {
        s.setFetchSize(limit);
        List<EncodedChunk> chunks = new ArrayList<>(Math.min(limit, 64));
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                long step = rs.getLong(4);
                chunks.add(new EncodedChunk(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getInt(3),
                        step,
                        StoredBytes.of(rs, 5),
                        StoredBytes.of(rs, 6)));
            }
        }
        return chunks;
    }

    /** Where a chunk lies and how full it is. */
    record ChunkBounds(long firstNs, long lastNs, int n) {}
}
