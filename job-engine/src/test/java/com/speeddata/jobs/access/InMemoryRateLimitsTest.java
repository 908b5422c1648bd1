package com.speeddata.jobs.access;

class InMemoryRateLimitsTest extends RateLimitsContract {
    @Override
    protected RateLimits newLimits() {
        return new InMemoryRateLimits();
    }
}
