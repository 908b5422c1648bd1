package com.speeddata.http.access;

import com.speeddata.http.Callers;
import com.speeddata.jobs.access.Caller;
import com.speeddata.jobs.access.RatePolicy;
import io.javalin.http.Context;

/**
 * The rate limits a request is counted against, before any work is done. A key's calls count against its tier's
 * buckets for its tenant, shared by every instance ({@link TenantRateLimit}); in single-user mode only exports
 * are limited, and only when {@code EXPORT_RATE_LIMIT} asks for it.
 */
public final class CallLimits {
    private final TenantRateLimit rates;
    private final RatePolicy singleUserExports;

    /** @param singleUserExports the export limit of single-user mode; null for none */
    public CallLimits(TenantRateLimit rates, RatePolicy singleUserExports) {
        this.rates = rates;
        this.singleUserExports = singleUserExports;
    }

    /** An export; a key's exports and estimates share one bucket. */
    public void export(Context ctx) {
        Caller caller = Callers.caller(ctx);
        RatePolicy policy = caller.limited() ? caller.tier().exportRate() : singleUserExports;
        if (policy != null) {
            rates.take(ctx, caller.tenant(), policy);
        }
    }

    /** An estimate: counted with the key's exports; free in single-user mode (it reads no sample). */
    public void estimate(Context ctx) {
        Caller caller = Callers.caller(ctx);
        if (caller.limited()) {
            rates.take(ctx, caller.tenant(), caller.tier().exportRate());
        }
    }

    /** {@code POST /v1/score}. */
    public void score(Context ctx) {
        Caller caller = Callers.caller(ctx);
        if (caller.limited()) {
            rates.take(ctx, caller.tenant(), caller.tier().scoreRate());
        }
    }
}
