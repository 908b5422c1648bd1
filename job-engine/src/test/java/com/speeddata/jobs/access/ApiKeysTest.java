package com.speeddata.jobs.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.speeddata.jobs.SteppedClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ApiKeysTest {
    private final SteppedClock clock = new SteppedClock(Instant.parse("2026-01-05T10:00:00Z"));
    private final AtomicInteger lookups = new AtomicInteger();
    private final InMemoryApiKeyStore backing = new InMemoryApiKeyStore();
    private final ApiKeyStore counting = new ApiKeyStore() {
        @Override
        public void add(ApiKey key) {
            backing.add(key);
        }

        @Override
        public java.util.Optional<ApiKey> find(String id) {
            lookups.incrementAndGet();
            return backing.find(id);
        }

        @Override
        public java.util.List<ApiKey> list(String tenant) {
            return backing.list(tenant);
        }

        @Override
        public boolean revoke(String id, Instant at) {
            return backing.revoke(id, at);
        }

        @Override
        public void addTicket(String ticketHash, String keyId, Instant expiresAt, Instant at) {
            backing.addTicket(ticketHash, keyId, expiresAt, at);
        }

        @Override
        public java.util.Optional<String> takeTicket(String ticketHash, Instant at) {
            return backing.takeTicket(ticketHash, at);
        }
    };
    private final ApiKeys keys = new ApiKeys(counting, Tiers.defaults(), clock);

    @Test
    void created_key_authenticates_as_its_tenant_and_tier() {
        ApiKeys.Created created = keys.create("acme", "pro_plus", "ci", false, null);
        Caller caller = keys.authenticate(created.token().reveal()).orElseThrow();
        assertEquals("acme", caller.tenant());
        assertEquals(Tier.PRO_PLUS, caller.tier());
        assertEquals(created.key().id(), caller.keyId());
        assertEquals(false, caller.admin());
    }

    @Test
    void wrong_secret_unknown_id_and_garbage_are_all_empty() {
        ApiKeys.Created created = keys.create("acme", "pro", null, false, null);
        String wrongSecret =
                "sd_" + created.key().id() + "_" + KeyToken.generate().secret();
        assertTrue(keys.authenticate(wrongSecret).isEmpty());
        assertTrue(keys.authenticate(KeyToken.generate().reveal()).isEmpty());
        assertTrue(keys.authenticate("garbage").isEmpty());
        assertTrue(keys.authenticate(null).isEmpty());
    }

    @Test
    void expired_key_stops_at_its_expiry() {
        String key = keys.create("acme", "pro", null, false, Duration.ofDays(1))
                .token()
                .reveal();
        clock.advance(Duration.ofDays(1).minusMillis(1));
        assertTrue(keys.authenticate(key).isPresent());
        clock.advanceMillis(1);
        assertTrue(keys.authenticate(key).isEmpty());
    }

    @Test
    void revocation_is_seen_within_the_cache_time_even_when_done_elsewhere() {
        ApiKeys.Created created = keys.create("acme", "pro", null, false, null);
        String key = created.token().reveal();
        assertTrue(keys.authenticate(key).isPresent());
        backing.revoke(created.key().id(), clock.instant()); // another instance revokes it
        clock.advance(ApiKeys.CACHE_FOR.minusMillis(1));
        assertTrue(keys.authenticate(key).isPresent(), "cached until CACHE_FOR");
        clock.advanceMillis(1);
        assertTrue(keys.authenticate(key).isEmpty());
        assertTrue(ApiKeys.CACHE_FOR.compareTo(Duration.ofSeconds(5)) < 0);
    }

    @Test
    void revocation_here_is_seen_at_once() {
        ApiKeys.Created created = keys.create("acme", "pro", null, false, null);
        assertTrue(keys.authenticate(created.token().reveal()).isPresent());
        assertTrue(keys.revoke(created.key().id()));
        assertTrue(keys.authenticate(created.token().reveal()).isEmpty());
    }

    @Test
    void a_busy_key_and_a_repeated_bad_key_cost_one_lookup_per_cache_period() {
        String key = keys.create("acme", "pro", null, false, null).token().reveal();
        String unknown = KeyToken.generate().reveal();
        for (int i = 0; i < 1000; i++) {
            keys.authenticate(key);
            keys.authenticate(unknown);
        }
        assertEquals(2, lookups.get());
    }

    @Test
    void malformed_keys_cost_no_lookup() {
        for (int i = 0; i < 100; i++) {
            keys.authenticate("sd_" + i);
        }
        assertEquals(0, lookups.get());
    }

    @Test
    void create_refuses_bad_tenant_tier_and_name() {
        assertThrows(IllegalArgumentException.class, () -> keys.create("Acme Corp", "pro", null, false, null));
        assertThrows(IllegalArgumentException.class, () -> keys.create("acme'; DROP TABLE", "pro", null, false, null));
        assertThrows(IllegalArgumentException.class, () -> keys.create("acme", "gold", null, false, null));
        assertThrows(IllegalArgumentException.class, () -> keys.create("acme", "pro", "a\u0000b", false, null));
        assertThrows(IllegalArgumentException.class, () -> keys.create("acme", "pro", "x".repeat(201), false, null));
        assertEquals(0, backing.list(null).size());
    }

    @Test
    void stream_ticket_opens_once_as_its_key_and_stops_with_it() {
        ApiKeys.Created created = keys.create("acme", "pro", null, false, null);
        Caller caller = keys.authenticate(created.token().reveal()).orElseThrow();
        String ticket = keys.issueTicket(caller);
        assertTrue(ticket.startsWith("wst_") && !ticket.contains(created.token().secret()));
        assertEquals(caller, keys.redeemTicket(ticket).orElseThrow());
        assertTrue(keys.redeemTicket(ticket).isEmpty(), "single use");

        String late = keys.issueTicket(caller);
        clock.advance(ApiKeys.TICKET_LIFETIME);
        assertTrue(keys.redeemTicket(late).isEmpty(), "expired");

        String revoked = keys.issueTicket(caller);
        keys.revoke(created.key().id());
        assertTrue(keys.redeemTicket(revoked).isEmpty(), "the key was revoked");
        assertTrue(keys.redeemTicket("wst_x").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> keys.issueTicket(Caller.LOCAL));
    }

    @Test
    void a_flood_of_made_up_ids_never_pushes_a_real_key_out_of_the_cache() {
        String key = keys.create("acme", "pro", null, false, null).token().reveal();
        assertTrue(keys.authenticate(key).isPresent());
        int before = lookups.get();
        for (int i = 0; i <= ApiKeys.MAX_UNKNOWN_CACHED; i++) {
            keys.authenticate(String.format("sd_%016x_%s", i, "0".repeat(64)));
        }
        assertEquals(ApiKeys.MAX_UNKNOWN_CACHED + 1, lookups.get() - before, "one lookup per made-up id");
        assertTrue(keys.authenticate(key).isPresent());
        assertEquals(ApiKeys.MAX_UNKNOWN_CACHED + 1, lookups.get() - before, "the real key is still cached");
    }

    @Test
    void a_key_stays_usable_until_revoked_or_expired_as_every_check_sees_it() {
        ApiKeys.Created created = keys.create("acme", "pro", null, false, Duration.ofMinutes(1));
        assertTrue(keys.usable(created.key().id()));
        keys.revoke(created.key().id());
        assertTrue(!keys.usable(created.key().id()));
        assertTrue(!keys.usable("0000000000000000"));
    }
}
