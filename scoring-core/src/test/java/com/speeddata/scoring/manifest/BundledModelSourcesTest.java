package com.speeddata.scoring.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Overlay sources: each line replaces, adds or drops its (kind, key); the overlay names a model of its own. */
class BundledModelSourcesTest {

    private final ModelManifest base = TestManifests.small("base");

    @Test
    void overlay_replaces_adds_and_drops_entries_and_renames_the_model() {
        String key = base.terms().keySet().iterator().next();
        ModelManifest built = BundledModelSources.overlay(
                base,
                "o.txt",
                String.join(
                                "\n",
                                "# comment",
                                "meta\tname\tderived",
                                "meta\tdescription\tderived model",
                                "",
                                "term\t" + key + "\t0",
                                "phrase\tno comment\t0",
                                "param\tneutral_band\t0.1",
                                "drop\tterm\t" + key,
                                "term\tfreshword\t1.5")
                        + "\n");
        assertEquals("derived", built.name());
        assertFalse(built.terms().containsKey(key));
        assertEquals(1.5, built.terms().get("freshword"));
        assertEquals(0.0, built.phrases().get("no comment"));
        assertEquals(0.1, built.param(Param.NEUTRAL_BAND));
    }

    @Test
    void drop_general_terms_keeps_only_the_terms_a_finance_source_set() {
        ModelManifest wire = bundled("finance-wire.model");
        ModelManifest news = bundled("finance-news.model");
        var vader = BundledModelSources.vendoredVaderTerms();
        // VADER's own valences are gone: descriptions of a business score nothing from them.
        for (String word : new String[] {"disaster", "good", "growth", "success", "robust"}) {
            assertFalse(wire.terms().containsKey(word), word);
        }
        // Every lexicon word left is one a source's term line set.
        Set<String> set = new HashSet<>();
        for (String source : BundledModelSources.SOURCES.get("finance-wire.model")) {
            for (String line : BundledModelSources.sourceResource(source).split("\n")) {
                String[] f = line.strip().split("\t");
                if (f.length == 3 && f[0].equals("term")) {
                    set.add(f[1]);
                }
            }
        }
        wire.terms().keySet().stream()
                .filter(vader::containsKey)
                .forEach(word -> assertTrue(set.contains(word), word + " is VADER's, and no source set it"));
        // Every term a finance source set stays (finance-wire.txt sets some again), also where a source gave it
        // VADER's own valence.
        news.terms().forEach((word, valence) -> {
            if (!valence.equals(vader.get(word))) {
                assertTrue(wire.terms().containsKey(word), word);
            }
        });
        for (String word : new String[] {"suspend", "strikes", "abandons", "approves", "approved"}) {
            // finance.txt sets these to VADER's valence: still finance terms
            assertEquals(news.terms().get(word), wire.terms().get(word), word);
        }
        assertEquals(1.5, wire.terms().get("awarded"));
        assertEquals(-2.0, wire.terms().get("layoffs"));
    }

    @Test
    void overlay_must_name_its_model_and_cannot_drop_what_is_absent() {
        assertThrows(IllegalArgumentException.class, () -> BundledModelSources.overlay(base, "o.txt", "term\tx\t1\n"));
        assertThrows(
                IllegalArgumentException.class,
                () -> BundledModelSources.overlay(
                        base, "o.txt", "meta\tname\td\nmeta\tdescription\td\ndrop\tphrase\tnot there\n"));
    }

    @Test
    void drop_general_terms_is_refused_outside_a_bundled_models_sources() {
        assertThrows(
                IllegalArgumentException.class,
                () -> BundledModelSources.overlay(
                        base, "o.txt", "meta\tname\td\nmeta\tdescription\td\ndrop_general_terms\n"));
    }

    private static ModelManifest bundled(String file) {
        return ModelManifest.parseCanonical(file, BundledModelSources.resource("models/" + file));
    }
}
