package com.speeddata.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.speeddata.jobs.access.Tier;
import com.speeddata.jobs.access.Tiers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TiersFileTest {
    @TempDir
    Path dir;

    private String file(String json) throws IOException {
        Path path = dir.resolve("tiers.json");
        Files.writeString(path, json);
        return path.toString();
    }

    @Test
    void a_contract_tier_keeps_the_fields_the_file_leaves_out_and_a_new_tier_names_them_all() throws IOException {
        Tiers tiers = TiersFile.read(
                file(
                        """
                {"pro": {"score_per_second": 8},
                 "team": {"score_headlines_per_call": 5, "score_per_second": 1, "score_burst": 2,
                          "export_per_second": 0.5, "export_burst": 3, "jobs_running": 1, "jobs_queued": 4,
                          "events_per_batch": 1000, "priority": 0}}"""));
        Tier pro = tiers.find("pro").orElseThrow();
        assertEquals(8, pro.scorePerSecond());
        assertEquals(Tier.PRO.scoreBurst(), pro.scoreBurst());
        assertEquals(Tier.PRO_PLUS, tiers.find("pro_plus").orElseThrow());
        assertEquals(0.5, tiers.find("team").orElseThrow().exportPerSecond());
    }

    @Test
    void mistakes_are_named() throws IOException {
        Map<String, String> cases = Map.of(
                "{\"team\": {\"score_per_second\": 1}}", "needs 'score_headlines_per_call'",
                "{\"pro\": {\"score_per_secnd\": 1}}", "unknown field 'score_per_secnd'",
                "{\"pro\": {\"jobs_running\": 1.5}}", "whole numbers",
                "{\"pro\": {\"jobs_running\": \"2\"}}", "must be a number",
                "{\"Pro Plus\": {}}", "must match",
                "[]", "JSON object",
                "{", "cannot read");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            String path = file(c.getKey());
            IllegalArgumentException failure =
                    assertThrows(IllegalArgumentException.class, () -> TiersFile.read(path), c.getKey());
            assertTrue(failure.getMessage().contains(c.getValue()), failure.getMessage());
        }
    }

    @Test
    void a_bad_tiers_file_stops_the_start_naming_the_variable() throws IOException {
        String path = file("{\"pro\": {\"score_burst\": 0}}");
        ConfigException failure =
                assertThrows(ConfigException.class, () -> ServerConfig.fromEnvironment(Map.of("TIERS_FILE", path)));
        assertTrue(failure.getMessage().contains("TIERS_FILE="), failure.getMessage());
    }
}
