package com.speeddata.storage.pivot;

import com.speeddata.pivot.UnknownNamesException;
import com.speeddata.pivot.catalog.SignalDefinition;
import com.speeddata.pivot.catalog.SignalInfo;
import com.speeddata.pivot.catalog.SignalKey;
import com.speeddata.pivot.catalog.SignalStats;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** The SQL over {@code signal}: definitions, ids, and the stored-sample statistics kept beside them. */
final class SignalTable {
    private static final String INFO_COLUMNS =
            "channel, name, unit, sample_rate_hz, description, sample_count, first_ns, last_ns";
    // Portable: H2 accepts ON CONFLICT DO NOTHING in its PostgreSQL mode.
    /** Every statement that names a signal names its owner first: one tenant never reaches another's rows. */
    private static final String KEY = " WHERE owner = ? AND channel = ? AND name = ?";

    private static final String INSERT = "INSERT INTO signal (owner, channel, name, unit, sample_rate_hz, description)"
            + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
    private static final String UPDATE = "UPDATE signal SET unit = ?, sample_rate_hz = ?, description = ?" + KEY;
    private static final String FIND = "SELECT " + INFO_COLUMNS + " FROM signal" + KEY;
    private static final String LIST = "SELECT " + INFO_COLUMNS + " FROM signal WHERE owner = ? ORDER BY channel, name";
    private static final String LIST_CHANNEL =
            "SELECT " + INFO_COLUMNS + " FROM signal WHERE owner = ? AND channel = ?" + " ORDER BY name";
    private static final String ID = "SELECT id FROM signal" + KEY;
    private static final String LOCK = "SELECT id, sample_count, first_ns, last_ns FROM signal" + KEY + " FOR UPDATE";
    private static final String EXISTS = "SELECT 1 FROM signal WHERE id = ?";
    private static final String DELETE = "DELETE FROM signal WHERE id = ?";
    private static final String UPDATE_STATS =
            "UPDATE signal SET sample_count = ?, first_ns = ?, last_ns = ?" + " WHERE id = ?";

    private SignalTable() {}

    /** Creates the signal, or updates its definition; true when created. */
    static boolean define(Connection c, String owner, SignalDefinition d) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            insert.setString(1, owner);
            insert.setString(2, d.key().channel());
            insert.setString(3, d.key().signal());
            insert.setString(4, d.unit());
            setRate(insert, 5, d.sampleRateHz());
            insert.setString(6, d.description());
            if (insert.executeUpdate() == 1) {
                return true;
            }
        }
        try (PreparedStatement update = c.prepareStatement(UPDATE)) {
            update.setString(1, d.unit());
            setRate(update, 2, d.sampleRateHz());
            update.setString(3, d.description());
            bindKey(update, 4, owner, d.key());
            update.executeUpdate();
            return false;
        }
    }

    private static void setRate(PreparedStatement s, int index, Double rate) throws SQLException {
        if (rate == null) {
            s.setNull(index, Types.DOUBLE);
        } else {
            s.setDouble(index, rate);
        }
    }

    private static void bindKey(PreparedStatement s, int first, String owner, SignalKey key) throws SQLException {
        s.setString(first, owner);
        s.setString(first + 1, key.channel());
        s.setString(first + 2, key.signal());
    }

    static SignalInfo find(Connection c, String owner, SignalKey key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(FIND)) {
            bindKey(s, 1, owner, key);
            List<SignalInfo> found = infos(s);
            return found.isEmpty() ? null : found.get(0);
        }
    }

    static List<SignalInfo> list(Connection c, String owner) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(LIST)) {
            s.setString(1, owner);
            return infos(s);
        }
    }

    static List<SignalInfo> listChannel(Connection c, String owner, String channel) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(LIST_CHANNEL)) {
            s.setString(1, owner);
            s.setString(2, channel);
            return infos(s);
        }
    }

    private static List<SignalInfo> infos(PreparedStatement s) throws SQLException {
        List<SignalInfo> infos = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                double rate = rs.getDouble(4);
                Double sampleRateHz = rs.wasNull() ? null : rate;
                SignalKey key = new SignalKey(rs.getString(1), rs.getString(2));
                SignalDefinition definition = new SignalDefinition(key, rs.getString(3), sampleRateHz, rs.getString(5));
                infos.add(new SignalInfo(definition, stats(rs.getLong(6), rs.getLong(7), rs.getLong(8))));
            }
        }
        return infos;
    }

    private static SignalStats stats(long count, long first, long last) {
        return count == 0 ? SignalStats.EMPTY : new SignalStats(count, first, last);
    }

    /** The signal's id; {@link UnknownNamesException} when it is not defined. */
    static long requireId(Connection c, String owner, SignalKey key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(ID)) {
            bindKey(s, 1, owner, key);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw unknown(key);
                }
                return rs.getLong(1);
            }
        }
    }

    /**
     * Locks the signal's row until the transaction ends, so that writers of one signal take turns (writers of
     * different signals do not wait for each other), and returns its id and statistics.
     */
    static LockedSignal lock(Connection c, String owner, SignalKey key) throws SQLException {
        LockedSignal signal = lockIfDefined(c, owner, key);
        if (signal == null) {
            throw unknown(key);
        }
        return signal;
    }

    /** As {@link #lock}, but null when the signal is not defined. */
    static LockedSignal lockIfDefined(Connection c, String owner, SignalKey key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(LOCK)) {
            bindKey(s, 1, owner, key);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new LockedSignal(rs.getLong(1), stats(rs.getLong(2), rs.getLong(3), rs.getLong(4)));
            }
        }
    }

    /**
     * {@link UnknownNamesException} when the signal with this id is gone: deleted, perhaps defined again under the
     * same name with another id.
     */
    static void requireStillDefined(Connection c, long signalId, SignalKey key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(EXISTS)) {
            s.setLong(1, signalId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw unknown(key);
                }
            }
        }
    }

    /** Deletes the signal's row; its chunks must be gone first (H2 has no foreign key to cascade). */
    static void delete(Connection c, long signalId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(DELETE)) {
            s.setLong(1, signalId);
            s.executeUpdate();
        }
    }

    static void updateStats(Connection c, long signalId, SignalStats stats) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(UPDATE_STATS)) {
            s.setLong(1, stats.samples());
            if (stats.isEmpty()) {
                s.setNull(2, Types.BIGINT);
                s.setNull(3, Types.BIGINT);
            } else {
                s.setLong(2, stats.firstNs());
                s.setLong(3, stats.lastNs());
            }
            s.setLong(4, signalId);
            s.executeUpdate();
        }
    }

    private static UnknownNamesException unknown(SignalKey key) {
        return new UnknownNamesException(List.of(key.path()));
    }

    /** A signal locked for writing. */
    record LockedSignal(long id, SignalStats stats) {}
}
