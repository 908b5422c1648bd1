package com.speeddata.jobs.access;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The tiers a key may name: the contract's defaults, or those of {@code TIERS_FILE}. */
public final class Tiers {
    private final Map<String, Tier> byName = new LinkedHashMap<>();

    public Tiers(List<Tier> tiers) {
        if (tiers.isEmpty()) {
            throw new IllegalArgumentException("at least one tier is needed");
        }
        for (Tier tier : tiers) {
            if (byName.put(tier.name(), tier) != null) {
                throw new IllegalArgumentException("tier " + tier.name() + " is defined twice");
            }
        }
    }

    public static Tiers defaults() {
        return new Tiers(List.of(Tier.PRO, Tier.PRO_PLUS));
    }

    public Optional<Tier> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Set<String> names() {
        return byName.keySet();
    }
}
