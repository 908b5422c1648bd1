package com.speeddata.scoring.manifest;

import static com.speeddata.scoring.manifest.TestManifests.bytes;
import static com.speeddata.scoring.manifest.TestManifests.small;
import static com.speeddata.scoring.manifest.TestManifests.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModelManifestTest {

    private static final String SMALL =
            """
            speeddata-sentiment-model\t1
            booster\tslightly\t-0.293
            booster\tvery\t0.293
            contrast\tbut\t0.5\t1.5
            direction\tfell\t-1.5
            direction\tnarrowed\t-1.5
            direction\trose\t1.5
            meta\tdescription\tTest model t
            meta\tname\tt
            meta\tscorer_version\t1
            metric\tcosts\t-1
            metric\tloss\t-1
            metric\tprofit\t1
            negation\tnever
            negation\tnot
            param\talpha\t15
            param\tbare_direction_weight\t0.8
            param\tcaps_increment\t0.733
            param\tclause_scope\t1
            param\texclamation_cap\t4
            param\texclamation_weight\t0.292
            param\tmetric_window_after\t2
            param\tmetric_window_before\t3
            param\tnegation_scalar\t-0.74
            param\tnegation_window\t3
            param\tneutral_band\t0.05
            param\tquestion_cap\t0.96
            param\tquestion_weight\t0.18
            phrase\tin the red\t-1.5
            phrase\tprofit warning\t-2.5
            term\tbad\t-2.5
            term\tcafé\t1
            term\tgood\t1.9
            term\tliability\t0
            term\tloss\t-1.3
            term\tprofit\t1.9
            """;

    @Test
    void canonical_form_is_sorted_tab_separated_lines_with_lf_and_a_header() {
        assertEquals(SMALL, text(small("t").toCanonicalBytes()));
    }

    @Test
    void canonical_bytes_read_back_to_an_equal_manifest_and_the_same_bytes() {
        ModelManifest manifest = small("t");
        ModelManifest read = ModelManifest.parseCanonical("t.model", manifest.toCanonicalBytes());
        assertEquals(manifest, read);
        assertArrayEquals(manifest.toCanonicalBytes(), read.toCanonicalBytes());
    }

    @Test
    void sha_is_the_lower_case_hex_sha256_of_the_canonical_bytes() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes(SMALL));
        assertEquals(HexFormat.of().formatHex(digest), small("t").sha256());
        assertEquals(64, small("t").sha256().length());
    }

    @Test
    void the_same_content_built_in_any_order_gives_the_same_sha() {
        ModelManifest manifest = small("t");
        List<String> lines = new ArrayList<>(List.of(SMALL.split("\n")).subList(1, SMALL.split("\n").length));
        Collections.shuffle(lines, new java.util.Random(7));
        String shuffled = "# hand-written\r\n" + String.join("\r\n", lines) + "\r\n\r\n";
        assertEquals(
                manifest.sha256(), ModelManifest.parseLenient("t.txt", shuffled).sha256());
    }

    @Test
    void lenient_reading_canonicalises_bom_crlf_comments_spacing_and_number_spellings() {
        String messy = "\uFEFF"
                + SMALL.replace("\n", "\r\n").replace("\t15\r", "\t15.000\r").replace("\t-0.293\r", "\t-2.93e-1\r")
                + "\n# trailing comment\n";
        assertArrayEquals(
                bytes(SMALL), ModelManifest.parseLenient("messy.txt", messy).toCanonicalBytes());
    }

    @Test
    void a_different_scorer_version_gives_a_different_sha() {
        ModelManifest manifest = small("t");
        assertNotEquals(
                manifest.sha256(),
                manifest.withScorerVersion(manifest.scorerVersion() + 1).sha256());
    }

    @Test
    void changing_any_parameter_gives_a_different_sha() {
        ModelManifest manifest = small("t");
        Set<String> shas = new HashSet<>();
        shas.add(manifest.sha256());
        for (Param param : Param.values()) {
            double changed = otherValidValue(param, manifest.param(param));
            assertTrue(shas.add(manifest.withParam(param, changed).sha256()), param.key());
        }
    }

    private static double otherValidValue(Param param, double value) {
        for (double candidate : new double[] {value / 2, value - 1, value + 1, 0, 1, 0.25}) {
            try {
                param.check(candidate);
                if (candidate != value) {
                    return candidate;
                }
            } catch (IllegalArgumentException e) {
                // try the next one
            }
        }
        throw new AssertionError("no other valid value for " + param.key());
    }

    @Test
    void changing_one_lexicon_value_gives_a_different_sha() {
        ModelManifest manifest = small("t");
        ManifestDraft draft = ManifestDraft.of(manifest);
        draft.terms.put("good", 2.0);
        assertNotEquals(manifest.sha256(), draft.build().sha256());
    }

    @Test
    void carriage_returns_are_refused_with_the_line() {
        var e = refused(SMALL.replace("meta\tname\tt\n", "meta\tname\tt\r\n"));
        assertEquals(9, e.line());
        assertTrue(e.problem().contains("carriage return"), e.problem());
    }

    @Test
    void a_byte_order_mark_is_refused() {
        assertTrue(refused("\uFEFF" + SMALL).problem().contains("byte order mark"));
    }

    @Test
    void a_missing_final_line_feed_is_refused() {
        assertTrue(refused(SMALL.substring(0, SMALL.length() - 1)).problem().contains("line feed"));
    }

    @Test
    void invalid_utf8_is_refused_with_its_line() {
        byte[] bad = bytes(SMALL);
        int at = SMALL.indexOf("café") + 3;
        bad[at] = (byte) 0xff;
        var e = assertThrows(InvalidModelException.class, () -> ModelManifest.parseCanonical("x.model", bad));
        assertTrue(e.problem().contains("UTF-8"), e.problem());
        assertEquals(32, e.line());
    }

    @Test
    void unsorted_lines_are_refused_naming_the_expected_line() {
        String swapped = SMALL.replace("term\tbad\t-2.5\nterm\tcafé\t1\n", "term\tcafé\t1\nterm\tbad\t-2.5\n");
        var e = refused(swapped);
        assertEquals(31, e.line());
        assertTrue(e.problem().contains("not canonical") && e.problem().contains("term\\tbad\\t-2.5"), e.problem());
    }

    @Test
    void non_canonical_numbers_are_refused_with_examples() {
        var e = refused(SMALL.replace("term\tgood\t1.9\n", "term\tgood\t1.90\n"));
        assertEquals(33, e.line());
        assertTrue(e.problem().contains("'1.90'") && e.problem().contains("-0.74"), e.problem());
    }

    @Test
    void duplicate_entries_are_refused_even_when_equal() {
        var e = refused(SMALL.replace("term\tgood\t1.9\n", "term\tgood\t1.9\nterm\tgood\t1.9\n"));
        assertEquals(34, e.line());
        assertTrue(e.problem().contains("duplicate term 'good'"), e.problem());
        assertThrows(InvalidModelException.class, () -> ModelManifest.parseLenient("x.txt", SMALL + "term\tgood\t2\n"));
    }

    @Test
    void unknown_kinds_and_params_are_refused_listing_the_known_ones() {
        var kind = refused(SMALL.replace("term\tbad\t-2.5\n", "word\tbad\t-2.5\n"));
        assertTrue(kind.problem().contains("unknown entry kind 'word'")
                && kind.problem().contains("direction"));
        var param = refused(SMALL.replace("param\talpha\t15\n", "param\talfa\t15\n"));
        assertTrue(param.problem().contains("unknown param 'alfa'")
                && param.problem().contains("neutral_band"));
    }

    @Test
    void a_missing_parameter_is_refused() {
        var e = refused(SMALL.replace("param\tneutral_band\t0.05\n", ""));
        assertEquals(0, e.line());
        assertTrue(e.problem().contains("neutral_band is missing"), e.problem());
    }

    @Test
    void optional_parameters_are_left_out_at_their_default_and_written_when_set() {
        ModelManifest plain = ModelManifest.parseCanonical("t", bytes(SMALL));
        assertEquals(0.0, plain.param(Param.COMPARISON_WEIGHT));
        assertEquals(SMALL, text(plain.toCanonicalBytes()), "a model without the rule keeps its bytes");
        ModelManifest comparing = plain.withParam(Param.COMPARISON_WEIGHT, 1.5);
        String written = text(comparing.toCanonicalBytes());
        assertTrue(written.contains("param\tcomparison_weight\t1.5\n"), written);
        assertEquals(comparing, ModelManifest.parseCanonical("t", bytes(written)));
        assertEquals(
                plain.sha256(), comparing.withParam(Param.COMPARISON_WEIGHT, 0).sha256());
    }

    @Test
    void an_optional_parameter_written_at_its_default_is_not_canonical_but_is_read_leniently() {
        String explicit =
                SMALL.replace("param\tclause_scope\t1\n", "param\tclause_scope\t1\nparam\tcomparison_flat\t0\n");
        var e = refused(explicit);
        assertTrue(e.problem().contains("comparison_flat is optional and at its default"), e.problem());
        assertEquals(SMALL, text(ModelManifest.parseLenient("t", explicit).toCanonicalBytes()));
    }

    @Test
    void out_of_range_parameters_are_refused_with_the_value() {
        var e = refused(SMALL.replace("param\tneutral_band\t0.05\n", "param\tneutral_band\t1\n"));
        assertTrue(e.problem().contains("neutral_band") && e.problem().contains("1"), e.problem());
        var whole = refused(SMALL.replace("param\tnegation_window\t3\n", "param\tnegation_window\t2.5\n"));
        assertTrue(whole.problem().contains("whole number"), whole.problem());
    }

    @Test
    void upper_case_or_spaced_keys_are_refused() {
        assertTrue(refused(SMALL.replace("term\tgood\t1.9\n", "term\tGood\t1.9\n"))
                .problem()
                .contains("lower-case"));
        assertTrue(refused(SMALL.replace("term\tgood\t1.9\n", "term\tgo od\t1.9\n"))
                .problem()
                .contains("whitespace"));
        assertTrue(refused(SMALL.replace("phrase\tin the red\t-1.5\n", "phrase\tin  red\t-1.5\n"))
                .problem()
                .contains("1 to 64 characters"));
    }

    @Test
    void wrong_field_counts_and_empty_lines_are_refused() {
        assertTrue(refused(SMALL.replace("term\tgood\t1.9\n", "term\tgood\n"))
                .problem()
                .contains("3 tab-separated"));
        assertTrue(refused(SMALL.replace("term\tgood\t1.9\n", "term\tgood\t1.9\n\n"))
                .problem()
                .contains("empty"));
    }

    @Test
    void another_format_header_is_refused() {
        assertEquals(
                1,
                refused(SMALL.replace("speeddata-sentiment-model\t1", "speeddata-sentiment-model\t2"))
                        .line());
        assertEquals(1, refused("").line());
    }

    @Test
    void record_validates_name_description_and_ranges() {
        ModelManifest ok = small("t");
        assertThrows(IllegalArgumentException.class, () -> small("Bad Name"));
        assertThrows(
                IllegalArgumentException.class,
                () -> new ModelManifest(
                        "t",
                        0,
                        "d",
                        ok.params(),
                        ok.terms(),
                        ok.boosters(),
                        ok.negations(),
                        ok.phrases(),
                        ok.contrasts(),
                        ok.metrics(),
                        ok.directions()));
        assertThrows(
                IllegalArgumentException.class,
                () -> new ModelManifest(
                        "t",
                        1,
                        "tab\there",
                        ok.params(),
                        ok.terms(),
                        ok.boosters(),
                        ok.negations(),
                        ok.phrases(),
                        ok.contrasts(),
                        ok.metrics(),
                        ok.directions()));
        assertThrows(
                IllegalArgumentException.class,
                () -> new ModelManifest(
                        "t",
                        1,
                        "d",
                        ok.params(),
                        Map.of("good", 11.0),
                        ok.boosters(),
                        ok.negations(),
                        ok.phrases(),
                        ok.contrasts(),
                        ok.metrics(),
                        ok.directions()));
        Map<Param, Double> params = new EnumMap<>(ok.params());
        params.put(Param.ALPHA, Double.NaN);
        assertThrows(
                IllegalArgumentException.class,
                () -> new ModelManifest(
                        "t",
                        1,
                        "d",
                        params,
                        ok.terms(),
                        ok.boosters(),
                        ok.negations(),
                        ok.phrases(),
                        ok.contrasts(),
                        ok.metrics(),
                        ok.directions()));
    }

    @Test
    void record_copies_its_collections() {
        Map<String, Double> terms = new java.util.HashMap<>(Map.of("good", 1.0));
        ModelManifest ok = small("t");
        ModelManifest manifest = new ModelManifest(
                "t",
                1,
                "d",
                ok.params(),
                terms,
                ok.boosters(),
                ok.negations(),
                ok.phrases(),
                ok.contrasts(),
                ok.metrics(),
                ok.directions());
        terms.put("bad", -1.0);
        assertEquals(Map.of("good", 1.0), manifest.terms());
        assertThrows(UnsupportedOperationException.class, () -> manifest.terms().put("x", 1.0));
    }

    private static InvalidModelException refused(String text) {
        return assertThrows(InvalidModelException.class, () -> ModelManifest.parseCanonical("x.model", bytes(text)));
    }
}
