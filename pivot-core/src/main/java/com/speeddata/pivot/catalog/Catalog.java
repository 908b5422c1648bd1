package com.speeddata.pivot.catalog;

import java.util.List;
import java.util.Optional;

/** Out-port: the signal definitions and their stored-sample statistics. */
public interface Catalog {

    /** Creates or updates a definition; true when it was created. Stored samples are kept either way. */
    boolean define(SignalDefinition definition);

    Optional<SignalInfo> find(SignalKey key);

    /** Every signal, ordered by channel then signal name. */
    List<SignalInfo> list();

    /** The signals of one channel, ordered by name; empty when the channel is unknown. */
    List<SignalInfo> listChannel(String channel);

    /**
     * Removes the signal's definition and every stored sample of it, atomically; false when it is not defined.
     * Defining the same name again gives a new, empty signal. What a cursor still reading it does: see
     * {@link com.speeddata.pivot.sample.SampleStore#read}.
     */
    boolean delete(SignalKey key);
}
