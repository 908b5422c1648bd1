package com.speeddata.storage.pivot;

import com.speeddata.pivot.catalog.Catalog;
import com.speeddata.pivot.catalog.SignalDefinition;
import com.speeddata.pivot.catalog.SignalInfo;
import com.speeddata.pivot.catalog.SignalKey;
import com.speeddata.storage.Jdbc;

import javax.sql.DataSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The catalog in the {@code signal} table, on H2 or PostgreSQL alike. */
public final class JdbcCatalog implements Catalog {
    private final DataSource dataSource;

    public JdbcCatalog(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public boolean define(SignalDefinition definition) {
        return Jdbc.inTransaction(dataSource, "defining " + definition.key(),
                c -> SignalTable.define(c, definition));
    }

    @Override
    public Optional<SignalInfo> find(SignalKey key) {
        return Optional.ofNullable(Jdbc.withConnection(dataSource, "finding " + key, c -> SignalTable.find(c, key)));
    }

    @Override
    public List<SignalInfo> list() {
        return Jdbc.withConnection(dataSource, "listing signals", SignalTable::list);
    }

    @Override
    public List<SignalInfo> listChannel(String channel) {
        return Jdbc.withConnection(dataSource, "listing channel " + channel,
                c -> SignalTable.listChannel(c, channel));
    }
}
