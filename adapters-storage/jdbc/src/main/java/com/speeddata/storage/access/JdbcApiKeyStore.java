package com.speeddata.storage.access;

import com.speeddata.jobs.access.ApiKey;
import com.speeddata.jobs.access.ApiKeyStore;
import com.speeddata.storage.Jdbc;
import com.speeddata.storage.StoreException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/** The {@code api_key} table (V5), on H2 or PostgreSQL alike. */
public final class JdbcApiKeyStore implements ApiKeyStore {
    private static final String COLUMNS =
            "id, secret_hash, tenant, tier, name, admin, created_at, expires_at, revoked_at";

    private final DataSource dataSource;

    public JdbcApiKeyStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public void add(ApiKey key) {
        Jdbc.withConnection(dataSource, "adding key " + key.id(), c -> {
            try (PreparedStatement insert =
                    c.prepareStatement("INSERT INTO api_key (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, key.id());
                insert.setString(2, key.secretHash());
                insert.setString(3, key.tenant());
                insert.setString(4, key.tier());
                insert.setString(5, key.name());
                insert.setBoolean(6, key.admin());
                setInstant(insert, 7, key.createdAt());
                setInstant(insert, 8, key.expiresAt());
                setInstant(insert, 9, key.revokedAt());
                if (insert.executeUpdate() != 1) {
                    throw new StoreException("key " + key.id() + " was not stored", null);
                }
                return null;
            }
        });
    }

    @Override
    public Optional<ApiKey> find(String id) {
        return Jdbc.withConnection(dataSource, "reading key " + id, c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM api_key WHERE id = ?")) {
                select.setString(1, id);
                List<ApiKey> keys = readAll(select);
                return keys.isEmpty() ? Optional.empty() : Optional.of(keys.get(0));
            }
        });
    }

    @Override
    public List<ApiKey> list(String tenant) {
        return Jdbc.withConnection(dataSource, "listing keys", c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM api_key"
                    + (tenant == null ? "" : " WHERE tenant = ?") + " ORDER BY created_at, id")) {
                if (tenant != null) {
                    select.setString(1, tenant);
                }
                return readAll(select);
            }
        });
    }

    @Override
    public boolean revoke(String id, Instant now) {
        return Jdbc.withConnection(dataSource, "revoking key " + id, c -> {
            try (PreparedStatement update =
                    c.prepareStatement("UPDATE api_key SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
                setInstant(update, 1, now);
                update.setString(2, id);
                return update.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void addTicket(String ticketHash, String keyId, Instant expiresAt, Instant now) {
        Jdbc.inTransaction(dataSource, "adding a stream ticket", c -> {
            try (PreparedStatement forget = c.prepareStatement("DELETE FROM stream_ticket WHERE expires_at <= ?");
                    PreparedStatement insert = c.prepareStatement(
                            "INSERT INTO stream_ticket (ticket_hash, key_id, expires_at) VALUES (?, ?, ?)")) {
                setInstant(forget, 1, now);
                forget.executeUpdate();
                insert.setString(1, ticketHash);
                insert.setString(2, keyId);
                setInstant(insert, 3, expiresAt);
                insert.executeUpdate();
                return null;
            }
        });
    }

    /** Reads, then deletes: the one DELETE that removes the row is the one redemption, on any instance. */
    @Override
    public Optional<String> takeTicket(String ticketHash, Instant now) {
        return Jdbc.withConnection(dataSource, "taking a stream ticket", c -> {
            String keyId;
            try (PreparedStatement select =
                    c.prepareStatement("SELECT key_id FROM stream_ticket WHERE ticket_hash = ? AND expires_at > ?")) {
                select.setString(1, ticketHash);
                setInstant(select, 2, now);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Optional.<String>empty();
                    }
                    keyId = row.getString(1);
                }
            }
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM stream_ticket WHERE ticket_hash = ?")) {
                delete.setString(1, ticketHash);
                return delete.executeUpdate() == 1 ? Optional.of(keyId) : Optional.<String>empty();
            }
        });
    }

    private static List<ApiKey> readAll(PreparedStatement select) throws SQLException {
        List<ApiKey> keys = new ArrayList<>();
        try (ResultSet row = select.executeQuery()) {
            while (row.next()) {
                keys.add(new ApiKey(
                        row.getString(1),
                        row.getString(2),
                        row.getString(3),
                        row.getString(4),
                        row.getString(5),
                        row.getBoolean(6),
                        instant(row, 7),
                        instant(row, 8),
                        instant(row, 9)));
            }
        }
        return keys;
    }

    private static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, instant.atOffset(ZoneOffset.UTC));
        }
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
