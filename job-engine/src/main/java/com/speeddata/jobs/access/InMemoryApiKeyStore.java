package com.speeddata.jobs.access;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The key store in memory: for embedding and for tests that need no database. */
public final class InMemoryApiKeyStore implements ApiKeyStore {
    private final Map<String, ApiKey> keys = new ConcurrentHashMap<>();
    private final Map<String, Ticket> tickets = new ConcurrentHashMap<>();

    private record Ticket(String keyId, Instant expiresAt) {}

    @Override
    public void add(ApiKey key) {
        if (keys.putIfAbsent(key.id(), key) != null) {
            throw new IllegalStateException("key id " + key.id() + " exists already");
        }
    }

    @Override
    public Optional<ApiKey> find(String id) {
        return Optional.ofNullable(keys.get(id));
    }

    @Override
    public List<ApiKey> list(String tenant) {
        return keys.values().stream()
                .filter(k -> tenant == null || k.tenant().equals(tenant))
                .sorted(Comparator.comparing(ApiKey::createdAt).thenComparing(ApiKey::id))
                .toList();
    }

    @Override
    public boolean revoke(String id, Instant now) {
        ApiKey key = keys.get(id);
        if (key == null || key.revokedAt() != null) {
            return false;
        }
        return keys.replace(
                id,
                key,
                new ApiKey(
                        key.id(),
                        key.secretHash(),
                        key.tenant(),
                        key.tier(),
                        key.name(),
                        key.admin(),
                        key.createdAt(),
                        key.expiresAt(),
                        now));
    }

    @Override
    public void addTicket(String ticketHash, String keyId, Instant expiresAt, Instant now) {
        tickets.values().removeIf(ticket -> !now.isBefore(ticket.expiresAt()));
        tickets.put(ticketHash, new Ticket(keyId, expiresAt));
    }

    @Override
    public Optional<String> takeTicket(String ticketHash, Instant now) {
        Ticket ticket = tickets.remove(ticketHash);
        return ticket == null || !now.isBefore(ticket.expiresAt()) ? Optional.empty() : Optional.of(ticket.keyId());
    }
}
