package com.speeddata.scoring.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.speeddata.scoring.Score;
import com.speeddata.scoring.eval.Headline;
import com.speeddata.scoring.manifest.BundledModelSources;
import com.speeddata.scoring.manifest.ModelManifest;
import com.speeddata.scoring.rules.ScorerVersion;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Pins the bundled models. If one of these fails:
 * <ul>
 *   <li>you edited a model source: run {@code scripts/scoring-models rebuild}, then pin the new SHA and fingerprint;</li>
 *   <li>you changed scoring code and only the fingerprint test fails: the scores changed but the SHA did not.
 *       Bump {@link ScorerVersion#CURRENT}, run {@code scripts/scoring-models rebuild}, pin the new SHAs and
 *       fingerprints. Never re-pin a fingerprint under an unchanged SHA.</li>
 * </ul>
 */
class BundledModelsTest {

    private static final String[] RULE_WORDS = {
        "profit",
        "PROFIT",
        "loss",
        "rose",
        "fell",
        "narrowed",
        "costs",
        "debt",
        "shares",
        "guidance",
        "cut",
        "jobs",
        "good",
        "GOOD",
        "bad",
        "BAD",
        "FELL",
        "great",
        "terrible",
        "very",
        "VERY",
        "extremely",
        "slightly",
        "sharply",
        "not",
        "never",
        "no",
        "without",
        "least",
        "at",
        "but",
        "despite",
        "however",
        "in",
        "the",
        "red",
        "record",
        "high",
        "profit warning",
        "step",
        "down",
        "up",
        "to",
        "and",
        "a",
        "!",
        "!!",
        "?",
        "??",
        ",",
        ";",
        ":",
        "-",
        ":)",
        "upgrade",
        "downgrade",
        "beats",
        "misses",
        "liability",
        "share",
        "tender",
        "flat",
        "rates",
        "inflation",
        "unemployment",
        "avoids",
        "recession",
        "x",
        "y"
    };

    /** model name → expected model SHA. */
    static final Map<String, String> PINNED_SHAS = Map.of(
            "finance", "1a114439f7361aa85843adafb94c790791eb80238e0dd6889953c7f36af00ef3",
            "finance-news", "f95a102339ea18e91e8239ca061afd650ebb4aab8e0a59e236c17968d9b303f9",
            "finance-news-learned", "59955840321352eafa4e9f6490ace5d7b549a25f9974e9aa015c667c4edef696",
            "finance-wire", "a8a1258e182895de95db1a26ede71707bf6f30218b422a0caa5cb2f278f3a0b4",
            "vader-baseline", "a6d88f361cc9f26536d7999b809179d70f06b2a204558487df51b723e7c3c9f8");

    /** model SHA → {@link #fingerprint} of its scores. */
    static final Map<String, String> SCORE_FINGERPRINTS = Map.of(
            "1a114439f7361aa85843adafb94c790791eb80238e0dd6889953c7f36af00ef3",
                    "308c6c54557ec202df87e5af889700e36e1bd11ce7187bcfde5ff5fc8bfa33b8",
            "f95a102339ea18e91e8239ca061afd650ebb4aab8e0a59e236c17968d9b303f9",
                    "8e04a1292eea33142e7509ce0ae121ebb4ca323e20d4c850bb581aae9603732e",
            "59955840321352eafa4e9f6490ace5d7b549a25f9974e9aa015c667c4edef696",
                    "8fa8f66cefdac4d4b37e06a167b778b53a86eff14a553e7465a0c81ec7d3d065",
            "a6d88f361cc9f26536d7999b809179d70f06b2a204558487df51b723e7c3c9f8",
                    "ffc1a919ef7775822d78eb2e85cb2329bf7d6cd38fbcff9920d52d39143e3989",
            "a8a1258e182895de95db1a26ede71707bf6f30218b422a0caa5cb2f278f3a0b4",
                    "9fae11aef2e507bf3f39acba18b618658e4d62ec1aaa5d13a6b3d03e0c8699a3");

    /**
     * model SHA → {@link #fingerprint(Model, List)} of its scores on every news and numeric comparison sentence
     * (numbers, units, "from ... to", "compared with": what the numeric comparison rule reads). Pinned for
     * {@code finance} and {@code vader-baseline} before that rule existed: models that do not opt in keep their
     * scores.
     */
    static final Map<String, String> NEWS_FINGERPRINTS = Map.of(
            "1a114439f7361aa85843adafb94c790791eb80238e0dd6889953c7f36af00ef3",
                    "dfd7ab211c859f7009298360f1727459c153ed3fb9257f1d3391763ebde447c3",
            "a6d88f361cc9f26536d7999b809179d70f06b2a204558487df51b723e7c3c9f8",
                    "971f57094ca322bd449a259f5345ae3bf22790018c6a506cd9dbde8d0d8c2873",
            "f95a102339ea18e91e8239ca061afd650ebb4aab8e0a59e236c17968d9b303f9",
                    "dab79debd42ea2c2a07f80a3a3188a6c9155e006915fb9855b3643832a70cb8b",
            "59955840321352eafa4e9f6490ace5d7b549a25f9974e9aa015c667c4edef696",
                    "d17a507d8cafb6611b4af2e1c66f3a077b79d386dacc0bbcc06d36ce8c70e05d",
            "a8a1258e182895de95db1a26ede71707bf6f30218b422a0caa5cb2f278f3a0b4",
                    "0919455458666451006d82d8ec045975efb94cbe84fdd8bbc3fac294aa6e4a82");

    private final ModelRegistry registry = ModelRegistry.bundled();

    @Test
    void bundled_models_have_their_pinned_shas() {
        Map<String, String> actual = new TreeMap<>();
        registry.models().forEach(model -> actual.put(model.name(), model.sha()));
        assertEquals(new TreeMap<>(PINNED_SHAS), actual);
    }

    @Test
    void each_model_sha_is_the_sha256_of_its_resource_bytes() throws Exception {
        for (String file : ModelRegistry.BUNDLED_FILES) {
            byte[] bytes = BundledModelSources.resource("models/" + file);
            String name = ModelManifest.parseCanonical(file, bytes).name();
            assertEquals(
                    HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)),
                    registry.findByName(name).orElseThrow().sha(),
                    file);
        }
    }

    @Test
    void scores_under_an_unchanged_sha_are_unchanged() {
        for (Model model : registry.models()) {
            assertEquals(
                    SCORE_FINGERPRINTS.get(model.sha()),
                    fingerprint(model),
                    model.name() + ": scores changed under SHA " + model.sha()
                            + "; bump ScorerVersion.CURRENT and rebuild (see the class comment)");
        }
    }

    @Test
    void scores_of_news_sentences_under_an_unchanged_sha_are_unchanged() {
        List<String> texts = new ArrayList<>();
        Headline.loadNews().forEach(row -> texts.add(row.text()));
        Headline.loadNumbers().forEach(row -> texts.add(row.text()));
        for (Model model : registry.models()) {
            assertEquals(
                    NEWS_FINGERPRINTS.get(model.sha()),
                    fingerprint(model, texts),
                    model.name() + ": scores changed under SHA " + model.sha()
                            + "; bump ScorerVersion.CURRENT and rebuild (see the class comment)");
        }
    }

    @Test
    void bundled_models_are_for_the_current_scorer_version() {
        for (String file : ModelRegistry.BUNDLED_FILES) {
            ModelManifest manifest = ModelManifest.parseCanonical(file, BundledModelSources.resource("models/" + file));
            assertEquals(ScorerVersion.CURRENT, manifest.scorerVersion(), file);
        }
    }

    @Test
    void bundled_artifacts_are_what_the_sources_build() {
        Map<String, Double> vader = BundledModelSources.vendoredVaderTerms();
        BundledModelSources.SOURCES.keySet().forEach(file -> {
            ModelManifest built = BundledModelSources.build(BundledModelSources.sourceResources(file), vader);
            assertArrayEquals(
                    built.toCanonicalBytes(),
                    BundledModelSources.resource("models/" + file),
                    file + " is stale: run scripts/scoring-models rebuild");
        });
    }

    @Test
    void finance_wire_is_the_default_and_all_five_ship() {
        assertEquals("finance-wire", registry.defaultModel().name());
        assertEquals(5, registry.models().size());
        assertTrue(registry.findByName("vader-baseline").isPresent());
        assertTrue(registry.findByName("finance-news").isPresent());
        assertTrue(registry.findByName("finance-news-learned").isPresent());
        assertTrue(registry.findByName("finance").isPresent());
    }

    @Test
    void the_vader_lexicon_ships_with_its_mit_notice() {
        assertTrue(BundledModelSources.vendoredVaderTerms().size() > 7000);
        String notice = new String(BundledModelSources.resource("models/LICENSE-VADER.txt"), StandardCharsets.UTF_8);
        assertTrue(notice.contains("The MIT License") && notice.contains("Copyright (c) 2016 C.J. Hutto"));
    }

    /**
     * SHA-256 over "round(score x 1e9) TAB label LF" for every evaluation headline and for 3,000
     * seeded random word sequences that exercise every rule (boosters at each distance, negation,
     * "least", "no", contrast, caps, punctuation, phrases, metric windows).
     */
    static String fingerprint(Model model) {
        List<String> texts = new ArrayList<>();
        Headline.loadAll().forEach(row -> texts.add(row.text()));
        Random random = new Random(4_2026);
        for (int i = 0; i < 3_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int k = 1 + random.nextInt(14); k > 0; k--) {
                text.append(RULE_WORDS[random.nextInt(RULE_WORDS.length)]).append(' ');
            }
            texts.add(text.toString());
        }
        return fingerprint(model, texts);
    }

    /** SHA-256 over "round(score x 1e9) TAB label LF" for each text. */
    static String fingerprint(Model model, List<String> texts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String text : texts) {
                Score score = model.score(text);
                digest.update(
                        (Math.round(score.score() * 1e9) + "\t" + score.label().wireName() + "\n")
                                .getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
