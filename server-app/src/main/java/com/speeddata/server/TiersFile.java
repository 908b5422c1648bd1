package com.speeddata.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.speeddata.jobs.access.Tier;
import com.speeddata.jobs.access.Tiers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code TIERS_FILE}: the tiers as JSON, an object of tier name to limits, e.g.
 * {@code {"pro": {"score_per_second": 8}, "team": {...every field...}}}. A field left out of a contract tier
 * ({@code pro}, {@code pro_plus}) keeps the contract's value; a new tier names every field.
 */
final class TiersFile {
    static final List<String> FIELDS = List.of(
            "score_headlines_per_call",
            "score_per_second",
            "score_burst",
            "export_per_second",
            "export_burst",
            "jobs_running",
            "jobs_queued",
            "events_per_batch",
            "priority");

    private TiersFile() {}

    static Tiers read(String path) {
        Path file = Path.of(path);
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
        if (root == null || !root.isObject() || root.isEmpty()) {
            throw new IllegalArgumentException(file + " must hold a JSON object of tier name to limits");
        }
        Map<String, Tier> tiers = new LinkedHashMap<>();
        Tiers.defaults()
                .names()
                .forEach(name -> tiers.put(name, Tiers.defaults().find(name).orElseThrow()));
        for (Iterator<Map.Entry<String, JsonNode>> it = root.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            tiers.put(entry.getKey(), tier(entry.getKey(), entry.getValue(), tiers.get(entry.getKey())));
        }
        return new Tiers(new ArrayList<>(tiers.values()));
    }

    private static Tier tier(String name, JsonNode limits, Tier base) {
        if (!name.matches("[a-z][a-z0-9_]{0,63}")) {
            throw new IllegalArgumentException("tier name '" + name + "' must match [a-z][a-z0-9_]{0,63}");
        }
        if (!limits.isObject()) {
            throw new IllegalArgumentException("tier " + name + " must be a JSON object of limits");
        }
        limits.fieldNames().forEachRemaining(field -> {
            if (!Set.copyOf(FIELDS).contains(field)) {
                throw new IllegalArgumentException(
                        "tier " + name + ": unknown field '" + field + "'; known: " + FIELDS);
            }
        });
        Number[] defaults = base == null
                ? new Number[FIELDS.size()]
                : new Number[] {
                    base.scoreHeadlinesPerCall(),
                    base.scorePerSecond(),
                    base.scoreBurst(),
                    base.exportPerSecond(),
                    base.exportBurst(),
                    base.jobsRunning(),
                    base.jobsQueued(),
                    base.eventsPerBatch(),
                    base.priority()
                };
        double[] values = new double[FIELDS.size()];
        for (int i = 0; i < FIELDS.size(); i++) {
            JsonNode value = limits.get(FIELDS.get(i));
            if (value == null && defaults[i] == null) {
                throw new IllegalArgumentException("tier " + name + " is new, so it needs '" + FIELDS.get(i) + "'");
            }
            if (value != null && !value.isNumber()) {
                throw new IllegalArgumentException("tier " + name + ": '" + FIELDS.get(i) + "' must be a number");
            }
            values[i] = value == null ? defaults[i].doubleValue() : value.doubleValue();
        }
        return new Tier(
                name,
                whole(values[0], name),
                values[1],
                whole(values[2], name),
                values[3],
                whole(values[4], name),
                whole(values[5], name),
                whole(values[6], name),
                whole(values[7], name),
                whole(values[8], name));
    }

    private static int whole(double value, String tier) {
        if (value != Math.rint(value) || value < 0 || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("tier " + tier + ": counts must be whole numbers, not " + value);
        }
        return (int) value;
    }
}
