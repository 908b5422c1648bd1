package com.speeddata.pivot.contract;

import com.speeddata.pivot.catalog.Catalog;
import com.speeddata.pivot.catalog.SignalStores;
import com.speeddata.pivot.sample.SampleStore;
import java.util.Objects;

/** Every tenant's catalog and samples over the same storage, as an adapter under test provides them. */
public record Stores(SignalStores all) {
    /** The tenant the contracts' scenarios run as; isolation tests add a second one. */
    public static final String TENANT = "local";

    public Stores {
        Objects.requireNonNull(all, "all");
    }

    public Catalog catalog() {
        return all.catalog(TENANT);
    }

    public SampleStore samples() {
        return all.samples(TENANT);
    }
}
