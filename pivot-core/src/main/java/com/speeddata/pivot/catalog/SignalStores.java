package com.speeddata.pivot.catalog;

import com.speeddata.pivot.sample.SampleStore;

/**
 * Out-port: each tenant's catalog and samples. The only way to reach stored signals, so no query can forget whose
 * they are: one tenant's stores never see another's signals, and the same names may exist in both.
 */
public interface SignalStores {

    Catalog catalog(String tenant);

    SampleStore samples(String tenant);
}
