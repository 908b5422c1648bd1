package com.speeddata.jobs;

/** What a lease renewal found: still ours, ours but cancelled, or taken over by another worker. */
public enum LeaseState {
    HELD,
    CANCEL_REQUESTED,
    LOST
}
