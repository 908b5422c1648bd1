package com.speeddata.scoring.eval;

import com.speeddata.scoring.model.Model;
import com.speeddata.scoring.model.ModelRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Single-thread throughput of each bundled model on the evaluation headlines (about 50
 * characters each), on headlines padded to about 100 characters, and on the news and numeric comparison
 * sentences (about 67 characters, many with figures). One thread is one core, so
 * the figure is headlines per second per core. Run with {@code scripts/scoring-models bench [seconds]}.
 * A benchmark prints figures; no test asserts on speed.
 */
public final class ScoringBenchmark {

    private static volatile double sink;

    private ScoringBenchmark() {}

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        List<String> plain = Headline.loadAll().stream().map(Headline::text).toList();
        List<String> padded = plain.stream().map(ScoringBenchmark::padTo100).toList();
        List<String> news = new ArrayList<>(); // long sentences with figures: the numeric comparison rule's work
        Headline.loadNews().forEach(row -> news.add(row.text()));
        Headline.loadNumbers().forEach(row -> news.add(row.text()));
        System.out.printf(
                Locale.ROOT,
                "Java %s, %d available processors; single thread%n",
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        for (Model model : ModelRegistry.bundled().models()) {
            for (List<String> texts : List.of(plain, padded, news)) {
                run(model, texts, Math.max(1, seconds / 2));
                double rate = run(model, texts, seconds);
                double chars = texts.stream().mapToInt(String::length).average().orElse(0);
                System.out.printf(
                        Locale.ROOT,
                        "  %-15s avg %5.1f chars: %,12.0f headlines/s  (%.2f µs each)%n",
                        model.name(),
                        chars,
                        rate,
                        1e6 / rate);
            }
        }
    }

    private static String padTo100(String text) {
        String padded = text + " - shares move in early trading, analysts say";
        return padded.length() > 100 ? padded.substring(0, 100) : padded;
    }

    private static double run(Model model, List<String> texts, double seconds) {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long count = 0;
        double acc = 0;
        long start = System.nanoTime();
        int size = texts.size();
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < size; i++) {
                acc += model.score(texts.get(i)).score();
            }
            count += size;
        }
        long elapsed = System.nanoTime() - start;
        sink = acc;
        return count / (elapsed / 1e9);
    }
}
