package com.speeddata.http.access;

import com.speeddata.http.problem.Problem;
import com.speeddata.http.problem.ProblemException;
import io.javalin.http.Context;

/**
 * Single-user mode answers only requests that name this machine (loopback names, the public URL's host or the bound
 * address) in their {@code Host} header. A web page on another site that re-points its own DNS name at 127.0.0.1
 * (DNS rebinding) sends its own name there, so it gets a 421 instead of the user's data. Multi-user mode does not
 * need this: every request there carries a key that such a page does not have.
 */
public final class HostCheck {
    private final AccessSettings settings;

    public HostCheck(AccessSettings settings) {
        this.settings = settings;
    }

    public void check(Context ctx) {
        String host = ctx.header("Host");
        if (settings.multiUser() || host == null) { // HTTP/1.0 without Host: not a browser, nothing rebound
            return;
        }
        String name = hostName(host);
        if (!settings.allowsHost(name)) {
            throw new ProblemException(Problem.of(
                    421,
                    "HOST_NOT_ALLOWED",
                    "Host not allowed",
                    "this single-user server answers to localhost, 127.0.0.1, [::1] and the host of PUBLIC_URL ("
                            + settings.publicUrl() + "); set PUBLIC_URL to the URL clients use"));
        }
    }

    /** The host without its port: {@code [::1]:8000} → {@code [::1]}, {@code Example.com:80} → {@code Example.com}. */
    static String hostName(String host) {
        String trimmed = host.trim();
        if (trimmed.startsWith("[")) {
            int close = trimmed.indexOf(']');
            return close < 0 ? trimmed : trimmed.substring(0, close + 1);
        }
        int colon = trimmed.indexOf(':');
        return colon < 0 ? trimmed : trimmed.substring(0, colon);
    }
}
