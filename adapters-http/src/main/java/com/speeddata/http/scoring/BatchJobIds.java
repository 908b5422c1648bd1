package com.speeddata.http.scoring;

import com.speeddata.jobs.JobId;
import com.speeddata.jobs.access.Tenants;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.UUID;

/**
 * The one rule from a batch's {@code job_id} (the caller's UUID) to the id its job is stored under. Job ids are
 * unique across the job table, but a batch id is unique per tenant only: another tenant's use of the same
 * {@code job_id} must be a new job, never a 409 that would show the id is taken.
 *
 * <p>Tenant {@code local} keeps the caller's UUID, so the batches stored before multi-user mode (all of them
 * {@code local}'s) stay reachable under their ids. Every other tenant's batch is stored under a name-based UUID
 * (version 5, SHA-1, RFC 9562) of {@code tenant + "/" + job_id} in this service's namespace: the same on every
 * instance, different per tenant. The API always shows the caller's own id; the stored id appears nowhere.
 *
 * <p>Limit: {@code local}'s ids are stored as given, so a {@code local} caller who knows another tenant's name and
 * one of its future {@code job_id}s could take the stored id first; that tenant's submit would then get 409 (its
 * status still 404, as the job is not its own). Callers choose random UUIDs, which nobody else can predict.
 */
public final class BatchJobIds {
    /** This service's namespace for the names of batch jobs (a fixed random UUID; never change it). */
    static final UUID NAMESPACE = UUID.fromString("0f5c6a4e-8e1b-4d3a-9c27-5b8f1e2d7a94");

    private BatchJobIds() {}

    /** The id the owner's batch {@code callerId} is stored under. */
    public static JobId stored(String owner, JobId callerId) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(callerId, "callerId");
        return owner.equals(Tenants.LOCAL) ? callerId : new JobId(nameUuid(NAMESPACE, owner + "/" + callerId.value()));
    }

    /**
     * RFC 9562 version 5: SHA-1 of the namespace and the name, with the version and variant bits set. The UUID's
     * fixed length at the end of the name keeps (tenant, id) to name one-to-one whatever characters a tenant has.
     */
    static UUID nameUuid(UUID namespace, String name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        sha1.update(ByteBuffer.allocate(16)
                .putLong(namespace.getMostSignificantBits())
                .putLong(namespace.getLeastSignificantBits())
                .array());
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bytes.getLong(), bytes.getLong());
    }
}
