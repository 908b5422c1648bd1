package com.speeddata.storage.pivot;

import com.speeddata.pivot.catalog.Catalog;
import com.speeddata.pivot.catalog.SignalStores;
import com.speeddata.pivot.sample.SampleStore;
import java.util.Objects;
import javax.sql.DataSource;

/** Each tenant's catalog and samples in one database; the stores are light views, made per call. */
public final class JdbcSignalStores implements SignalStores {
    private final DataSource dataSource;

    public JdbcSignalStores(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public Catalog catalog(String tenant) {
        return new JdbcCatalog(dataSource, tenant);
    }

    @Override
    public SampleStore samples(String tenant) {
        return new JdbcSampleStore(dataSource, tenant);
    }
}
