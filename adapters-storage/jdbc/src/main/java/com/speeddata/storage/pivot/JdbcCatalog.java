package com.speeddata.storage.pivot;

import com.speeddata.pivot.catalog.Catalog;
import com.speeddata.pivot.catalog.SignalDefinition;
import com.speeddata.pivot.catalog.SignalInfo;
import com.speeddata.pivot.catalog.SignalKey;
import com.speeddata.storage.Jdbc;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/** One tenant's catalog in the {@code signal} table, on H2 or PostgreSQL alike; bound to its owner at construction. */
public final class JdbcCatalog implements Catalog {
    private final DataSource dataSource;
    private final String owner;

    public JdbcCatalog(DataSource dataSource, String owner) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.owner = Objects.requireNonNull(owner, "owner");
    }

    @Override
    public boolean define(SignalDefinition definition) {
        return Jdbc.inTransaction(
                dataSource, "defining " + definition.key(), c -> SignalTable.define(c, owner, definition));
    }

    /** Locks the signal's row first, so that a write to it in progress finishes before, or fails after. */
    @Override
    public boolean delete(SignalKey key) {
        return Jdbc.inTransaction(dataSource, "deleting " + key, c -> {
            SignalTable.LockedSignal signal = SignalTable.lockIfDefined(c, owner, key);
            if (signal == null) {
                return false;
            }
            ChunkTable.deleteStartingIn(c, signal.id(), Long.MIN_VALUE, Long.MAX_VALUE);
            SignalTable.delete(c, signal.id());
            return true;
        });
    }

    @Override
    public Optional<SignalInfo> find(SignalKey key) {
        return Optional.ofNullable(
                Jdbc.withConnection(dataSource, "finding " + key, c -> SignalTable.find(c, owner, key)));
    }

    @Override
    public List<SignalInfo> list() {
        return Jdbc.withConnection(dataSource, "listing signals", c -> SignalTable.list(c, owner));
    }

    @Override
    public List<SignalInfo> listChannel(String channel) {
        return Jdbc.withConnection(
                dataSource, "listing channel " + channel, c -> SignalTable.listChannel(c, owner, channel));
    }
}
