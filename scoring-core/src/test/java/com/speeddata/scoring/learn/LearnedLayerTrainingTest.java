package com.speeddata.scoring.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.speeddata.scoring.eval.Headline;
import com.speeddata.scoring.manifest.BundledModelSources;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The learned layer of finance-news-learned is what its training command makes from its training data, and nothing
 * else; it learns over the finance-news rules, which ship unchanged as finance-news.
 */
class LearnedLayerTrainingTest {

    @Test
    void retraining_reproduces_the_committed_layer_byte_for_byte() {
        String committed = new String(
                BundledModelSources.resource("model-src/" + BundledModelSources.LEARNED_OVERLAY),
                StandardCharsets.UTF_8);
        assertEquals(committed, TrainLearnedLayer.overlay(TrainLearnedLayer.SETTINGS));
    }

    @Test
    void the_layer_learns_over_the_bundled_finance_news_rules() {
        assertArrayEquals(
                BundledModelSources.resource("models/finance-news.model"),
                BundledModelSources.ruleBase(TrainLearnedLayer.ARTIFACT).toCanonicalBytes());
    }

    @Test
    void the_vendored_tweets_are_the_published_files() throws Exception {
        assertEquals("184e6322b7f0e84c3103a83d198f1be8203de8b63a857f67a2964321b71c4e8d", sha256("sent_train.csv"));
        assertEquals("393572beac5064ed60c9f608a57dc66af2b41a91b89c149932d5c57f827e25da", sha256("sent_valid.csv"));
        assertEquals(9543, TrainingData.tweets("sent_train.csv").size());
        assertEquals(2388, TrainingData.tweets("sent_valid.csv").size());
    }

    @Test
    void no_holdout_sentence_is_training_data() {
        Set<String> holdout = Stream.of(
                        Headline.loadAll(), Headline.load("news-holdout.tsv"), Headline.load("numbers-holdout.tsv"))
                .flatMap(List::stream)
                .filter(Headline::isHoldout)
                .map(Headline::text)
                .collect(Collectors.toSet());
        assertEquals(120 + 344 + 95, holdout.size());
        List<Example> team = TrainingData.teamTuneRows();
        assertEquals(240 + 726 + 102, team.size());
        assertTrue(team.stream().noneMatch(example -> holdout.contains(example.text())));
    }

    private static String sha256(String file) throws Exception {
        try (var in = TrainingData.class.getResourceAsStream(TrainingData.TWEETS_DIR + file)) {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        }
    }
}
