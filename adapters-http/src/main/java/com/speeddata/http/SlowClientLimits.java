package com.speeddata.http;

import java.time.Duration;

/**
 * What a client may cost the server while it sends a request. Blocking servlet reads hold a server thread for as long
 * as a body takes to arrive, so a few hundred clients trickling a byte every few seconds would hold every thread; these
 * bounds make such a client give its thread back within seconds, as a well-run Jetty deployment does.
 */
public final class SlowClientLimits {
    /**
     * A request body must arrive at this many bytes a second on average, counted from its first byte (Jetty's
     * minimum request data rate); slower bodies get 408. A phone on a poor link sends far faster.
     */
    public static final long MIN_REQUEST_DATA_RATE = 1024;

    /** A blocked read or write inside one request waits at most this long for the next byte, then 408. */
    public static final Duration BLOCKING_IO_TIMEOUT = Duration.ofSeconds(10);

    private SlowClientLimits() {}
}
