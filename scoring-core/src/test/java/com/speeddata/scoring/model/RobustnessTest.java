package com.speeddata.scoring.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.speeddata.scoring.Score;
import com.speeddata.scoring.rules.Explanation;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The scorer never throws on a string and always returns a valid score, the same one every time. */
class RobustnessTest {

    private static final List<Model> MODELS = ModelRegistry.bundled().models();

    static Stream<String> awkwardTexts() {
        Random random = new Random(20260509);
        return Stream.of(
                "",
                " ",
                "\t\n\r",
                "\u0000",
                "\u0000\u0001\u001f\u007f\u0085\u009f",
                "!!!!!!!!!!",
                "??????",
                "?!?!?!",
                ":) :( :-) <3",
                "-",
                "— | : ;",
                "😀 😡 📉 📈",
                "profit 📈📈📈 rose 🚀",
                "👩‍👩‍👧 family 🇬🇧",
                "\uD83D",
                "\uDE00 lone low surrogate",
                "good\uD83Dbad",
                "\uD83D\uD83D\uD83D",
                "بنك أرباح",
                "利润大幅增长",
                "Ünïcödé çåsé ǅ ǈ ǋ",
                "e\u0301 combining",
                "\u200B\u200D\u2060\uFEFF zero width",
                "good ".repeat(25_000),
                "not ".repeat(25_000) + "good",
                "but ".repeat(25_000),
                "a".repeat(100_000),
                "!".repeat(100_000),
                "GOOD BAD ".repeat(10_000) + "good",
                "profit rose ".repeat(10_000),
                "in the red in the ".repeat(5_000),
                randomText(random, 100_000, 0x10FFFF),
                randomText(random, 100_000, 0x7F),
                randomText(random, 2_000, 0xFFFF),
                randomWords(random, 20_000));
    }

    @ParameterizedTest
    @MethodSource("awkwardTexts")
    void every_model_scores_any_string_within_bounds_and_repeatably(String text) {
        for (Model model : MODELS) {
            Score first = model.score(text);
            assertTrue(first.score() >= -1 && first.score() <= 1, model.name());
            assertEquals(first, model.score(text), model.name());
            assertEquals(first.label(), model.labelOf(first.score()));
        }
    }

    @ParameterizedTest
    @MethodSource("awkwardTexts")
    void every_model_explains_any_string_with_the_score_it_gives_it(String text) {
        for (Model model : MODELS) {
            Explanation explanation = model.explain(text);
            assertEquals(model.score(text), explanation.score(), model.name());
            assertTrue(
                    !explanation.contributions().isEmpty()
                            || explanation.score().score() == 0,
                    model.name());
        }
    }

    @Test
    void null_text_is_a_programming_error() {
        assertThrows(NullPointerException.class, () -> MODELS.get(0).score(null));
    }

    @Test
    void concurrent_scoring_gives_the_same_results_as_sequential() throws Exception {
        Random random = new Random(7);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            texts.add(randomWords(random, 12));
        }
        Model model = ModelRegistry.bundled().defaultModel();
        List<Score> expected = texts.stream().map(model::score).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Score>>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> texts.stream().map(model::score).toList()));
            }
            for (Future<List<Score>> future : futures) {
                assertEquals(expected, future.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String randomText(Random random, int length, int maxCodeUnit) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append((char) random.nextInt(Math.min(maxCodeUnit, 0xFFFF) + 1));
        }
        return out.toString();
    }

    private static final String[] WORDS = {
        "profit",
        "loss",
        "rose",
        "fell",
        "not",
        "but",
        "very",
        "GOOD",
        "bad",
        "narrowed",
        "costs",
        "debt",
        "shares",
        "despite",
        "no",
        "least",
        "at",
        "in",
        "the",
        "red",
        "!",
        "?",
        ",",
        ";",
        "-",
        ":)",
        "guidance",
        "cut",
        "record",
        "high",
        "😀",
        "up",
        "down",
        "step",
        "jobs",
        "profit warning"
    };

    private static String randomWords(Random random, int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append(WORDS[random.nextInt(WORDS.length)]).append(random.nextInt(5) == 0 ? ", " : " ");
        }
        return out.toString();
    }
}
