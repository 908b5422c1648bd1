package com.speeddata.http.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.speeddata.jobs.JobId;
import com.speeddata.jobs.access.Tenants;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BatchJobIdsTest {
    private static final JobId CALLERS = new JobId(UUID.fromString("3f2b8c1e-4d5a-4c1b-9a7e-2f1d0c9b8a76"));

    @Test
    void the_local_tenant_keeps_the_callers_id_so_batches_stored_before_stay_reachable() {
        assertEquals(CALLERS, BatchJobIds.stored(Tenants.LOCAL, CALLERS));
    }

    @Test
    void other_tenants_get_an_id_of_their_own_the_same_on_every_call() {
        JobId acme = BatchJobIds.stored("acme", CALLERS);
        JobId globex = BatchJobIds.stored("globex", CALLERS);
        assertEquals(3, Set.of(CALLERS, acme, globex).size());
        assertEquals(acme, BatchJobIds.stored("acme", new JobId(UUID.fromString(CALLERS.toString()))));
        assertNotEquals(acme, BatchJobIds.stored("acme", JobId.random()));
        assertNotEquals(acme, BatchJobIds.stored("Acme", CALLERS), "tenant names are matched exactly");
        assertEquals(5, acme.value().version());
        assertEquals(2, acme.value().variant());
    }

    @Test
    void name_based_ids_follow_rfc_9562_version_5() {
        UUID dns = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
        assertEquals(
                UUID.fromString("2ed6657d-e927-568b-95e1-2665a8aea6a2"), BatchJobIds.nameUuid(dns, "www.example.com"));
    }
}
