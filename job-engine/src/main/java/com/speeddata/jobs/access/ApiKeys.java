package com.speeddata.jobs.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Use case: create, list, revoke and check API keys. Checks keep what they read from the store for at most
 * {@link #CACHE_FOR}, so a revoked key stops working on every instance within that time while a busy key costs no
 * database round trip per request. Unknown key ids are remembered as unknown for the same time, in a cache of their
 * own: a flood of made-up keys costs one lookup per id and can never push the real keys out of theirs.
 */
public final class ApiKeys {
    /** Under the contract's 5 s: revocation and expiry are seen by every instance within this. */
    public static final Duration CACHE_FOR = Duration.ofSeconds(4);
    /** How long a stream ticket may wait to be redeemed: a browser asks for one right before it connects. */
    public static final Duration TICKET_LIFETIME = Duration.ofSeconds(30);

    private static final java.util.regex.Pattern TICKET = java.util.regex.Pattern.compile("wst_[0-9a-f]{64}");
    /** Bounds the cache of unknown ids under a flood of distinct made-up ones: beyond it, that cache is emptied. */
    static final int MAX_UNKNOWN_CACHED = 100_000;
    /** Compared against when the key id is unknown, so an unknown id costs the same hash as a known one. */
    private static final String NO_HASH = "00".repeat(32);

    private final ApiKeyStore store;
    private final Tiers tiers;
    private final Clock clock;
    private final Map<String, Cached> keysById = new ConcurrentHashMap<>();
    private final Map<String, Instant> unknownUntil = new ConcurrentHashMap<>();

    public ApiKeys(ApiKeyStore store, Tiers tiers, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.tiers = Objects.requireNonNull(tiers, "tiers");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A new key; the returned token is the only time its secret exists outside the caller's hands. */
    public Created create(String tenant, String tierName, String name, boolean admin, Duration expiresIn) {
        Tenants.require(tenant);
        if (tiers.find(tierName).isEmpty()) {
            throw new IllegalArgumentException("unknown tier '" + tierName + "'; known: " + tiers.names());
        }
        if (name != null && (name.length() > 200 || name.chars().anyMatch(Character::isISOControl))) {
            throw new IllegalArgumentException("a key name is at most 200 characters, without control characters");
        }
        Instant now = clock.instant();
        KeyToken token = KeyToken.generate();
        ApiKey key = new ApiKey(
                token.id(),
                token.secretHash(),
                tenant,
                tierName,
                name,
                admin,
                now,
                expiresIn == null ? null : now.plus(expiresIn),
                null);
        store.add(key);
        return new Created(token, key);
    }

    public record Created(KeyToken token, ApiKey key) {}

    public List<ApiKey> list(String tenant) {
        return store.list(tenant);
    }

    public boolean revoke(String id) {
        boolean revoked = store.revoke(id, clock.instant());
        keysById.remove(id);
        return revoked;
    }

    /**
     * The caller a presented key stands for, or empty for a key that is malformed, unknown, revoked, expired or
     * names a tier that no longer exists: all alike, so a caller learns nothing about which.
     */
    public Optional<Caller> authenticate(String presented) {
        Optional<KeyToken> token = KeyToken.parse(presented);
        if (token.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<ApiKey> key = lookup(token.get().id(), now);
        boolean matches = token.get().matches(key.map(ApiKey::secretHash).orElse(NO_HASH));
        if (key.isEmpty() || !matches || !key.get().usableAt(now)) {
            return Optional.empty();
        }
        return tiers.find(key.get().tier())
                .map(tier -> new Caller(
                        key.get().tenant(), key.get().id(), tier, key.get().admin()));
    }

    /**
     * A single-use ticket that opens one WebSocket as {@code caller} within {@link #TICKET_LIFETIME}: browsers cannot
     * set an Authorization header on a WebSocket, and a key must never travel in a URL.
     */
    public String issueTicket(Caller caller) {
        if (caller.keyId() == null) {
            throw new IllegalArgumentException("tickets stand for a key; single-user mode needs none");
        }
        String ticket = "wst_" + KeyToken.generate().secret();
        Instant now = clock.instant();
        store.addTicket(new KeyToken("ticket", ticket).secretHash(), caller.keyId(), now.plus(TICKET_LIFETIME), now);
        return ticket;
    }

    /** The caller a ticket was issued to, once; empty for a used, expired or unknown ticket or an unusable key. */
    public Optional<Caller> redeemTicket(String ticket) {
        if (ticket == null || !TICKET.matcher(ticket).matches()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return store.takeTicket(new KeyToken("ticket", ticket).secretHash(), now)
                .flatMap(keyId -> store.find(keyId))
                .filter(key -> key.usableAt(now))
                .flatMap(key ->
                        tiers.find(key.tier()).map(tier -> new Caller(key.tenant(), key.id(), tier, key.admin())));
    }

    /** True while the key may be used, as every check sees it (within {@link #CACHE_FOR} of a revocation). */
    public boolean usable(String keyId) {
        Instant now = clock.instant();
        return lookup(keyId, now).map(key -> key.usableAt(now)).orElse(false);
    }

    private Optional<ApiKey> lookup(String id, Instant now) {
        Cached cached = keysById.get(id);
        if (cached != null && now.isBefore(cached.until) && !now.isBefore(cached.readAt)) {
            return Optional.of(cached.key);
        }
        Instant unknown = unknownUntil.get(id);
        if (unknown != null && now.isBefore(unknown)) {
            return Optional.empty();
        }
        Optional<ApiKey> found = store.find(id);
        if (found.isPresent()) {
            keysById.put(id, new Cached(found.get(), now, now.plus(CACHE_FOR)));
        } else {
            if (unknownUntil.size() >= MAX_UNKNOWN_CACHED) {
                unknownUntil.clear();
            }
            unknownUntil.put(id, now.plus(CACHE_FOR));
            keysById.remove(id);
        }
        return found;
    }

    /** Only stored keys: their number is the number of keys made, bounded by the operator, not by callers. */
    private record Cached(ApiKey key, Instant readAt, Instant until) {}
}
