package com.speeddata.pivot.contract;

import com.speeddata.pivot.catalog.Catalog;
import com.speeddata.pivot.sample.SampleStore;

import java.util.Objects;

/** A catalog and the sample store over the same storage, as an adapter under test provides them. */
public record Stores(Catalog catalog, SampleStore samples) {
    public Stores {
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(samples, "samples");
    }
}
