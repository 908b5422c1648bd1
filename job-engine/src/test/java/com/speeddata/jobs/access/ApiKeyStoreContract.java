package com.speeddata.jobs.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ApiKeyStore} must do; one subclass per adapter. */
public abstract class ApiKeyStoreContract {
    private static final Instant NOW = Instant.parse("2026-01-05T10:00:00Z");

    private ApiKeyStore store;

    /** A store with no keys in it. */
    protected abstract ApiKeyStore newStore();

    @BeforeEach
    void setUp() {
        store = newStore();
    }

    private static ApiKey key(String id, String tenant, Instant createdAt) {
        return new ApiKey(
                id, "ab".repeat(32), tenant, "pro", "ci", false, createdAt, createdAt.plus(90, ChronoUnit.DAYS), null);
    }

    @Test
    void added_key_is_found_with_every_field() {
        ApiKey key = new ApiKey(
                "0123456789abcdef", "cd".repeat(32), "acme", "pro_plus", "name with ünïcode", true, NOW, null, null);
        store.add(key);
        assertEquals(key, store.find("0123456789abcdef").orElseThrow());
    }

    @Test
    void unknown_key_is_empty() {
        assertTrue(store.find("0000000000000000").isEmpty());
    }

    @Test
    void same_id_twice_is_refused() {
        store.add(key("0000000000000001", "acme", NOW));
        assertThrows(RuntimeException.class, () -> store.add(key("0000000000000001", "other", NOW)));
        assertEquals("acme", store.find("0000000000000001").orElseThrow().tenant());
    }

    @Test
    void list_filters_by_tenant_oldest_first() {
        store.add(key("0000000000000002", "acme", NOW.plusSeconds(1)));
        store.add(key("0000000000000001", "acme", NOW));
        store.add(key("0000000000000003", "beta", NOW));
        assertEquals(
                List.of("0000000000000001", "0000000000000002"),
                store.list("acme").stream().map(ApiKey::id).toList());
        assertEquals(3, store.list(null).size());
        assertTrue(store.list("nobody").isEmpty());
    }

    @Test
    void revoke_marks_once() {
        store.add(key("0000000000000001", "acme", NOW));
        assertTrue(store.revoke("0000000000000001", NOW.plusSeconds(5)));
        assertFalse(store.revoke("0000000000000001", NOW.plusSeconds(9)));
        assertFalse(store.revoke("00000000000000ff", NOW));
        ApiKey revoked = store.find("0000000000000001").orElseThrow();
        assertEquals(NOW.plusSeconds(5), revoked.revokedAt());
        assertFalse(revoked.usableAt(NOW.plusSeconds(6)));
    }

    @Test
    void ticket_is_taken_once_and_not_after_expiry() {
        store.add(key("0000000000000001", "acme", NOW));
        store.addTicket("aa".repeat(32), "0000000000000001", NOW.plusSeconds(30), NOW);
        store.addTicket("bb".repeat(32), "0000000000000001", NOW.plusSeconds(30), NOW);
        assertEquals(
                "0000000000000001",
                store.takeTicket("aa".repeat(32), NOW.plusSeconds(1)).orElseThrow());
        assertTrue(store.takeTicket("aa".repeat(32), NOW.plusSeconds(2)).isEmpty(), "single use");
        assertTrue(store.takeTicket("bb".repeat(32), NOW.plusSeconds(30)).isEmpty(), "expired");
        assertTrue(store.takeTicket("cc".repeat(32), NOW).isEmpty(), "unknown");
    }
}
