package com.speeddata.storage.events;

import com.speeddata.scoring.Score;
import com.speeddata.scoring.events.EventCursor;
import com.speeddata.scoring.events.EventId;
import com.speeddata.scoring.events.EventPage;
import com.speeddata.scoring.events.EventQuery;
import com.speeddata.scoring.events.NewEvent;
import com.speeddata.scoring.events.SentimentEvent;
import com.speeddata.scoring.events.StoredScore;
import com.speeddata.scoring.model.Model;
import com.speeddata.scoring.model.ModelRegistry;
import com.speeddata.storage.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Prints how fast the JDBC event store serves a batch scoring sweep; not a test (speed is printed, never asserted).
 * Stores {@code events} headlines, then scores all of them with each bundled model in turn the way a batch job
 * does: a page of 1,000 unscored events ({@code find} with {@code unscoredBy}), the model's scores of the page,
 * {@code saveScores}. One thread. Then times {@code scores} and {@code latestScores} of 1,000 ids.
 *
 * <p>Run: {@code java -cp <test classpath> com.speeddata.storage.events.EventStoreBenchmark [h2|postgres] [events]
 * [analyze]}; {@code analyze} runs ANALYZE after storing the events, as autovacuum would on a server that has it on.
 */
public final class EventStoreBenchmark {
    private static final Instant T0 = Instant.parse("2026-01-05T00:00:00Z");
    private static final int PAGE = 1_000;
    private static final String[] WORDS = ("shares surge plunge record profit loss guidance upgrade downgrade "
                    + "merger lawsuit dividend beats misses estimates strong weak outlook cut raise")
            .split(" ");

    private EventStoreBenchmark() {}

    public static void main(String[] args) {
        String vendor = args.length > 0 ? args[0] : "postgres";
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        List<Model> models = ModelRegistry.bundled().models();
        try (TestDatabase db = vendor.equals("h2") ? TestDatabase.h2() : TestDatabase.postgres()) {
            JdbcEventStore store = new JdbcEventStore(db.database());
            System.out.printf(Locale.ROOT, "%s, %,d events, pages of %,d, one thread%n", vendor, count, PAGE);
            List<EventId> ids = seed(store, count);
            if (args.length > 2 && args[2].equals("analyze")) {
                analyze(db);
            }
            for (Model model : models) {
                sweep(store, model, count);
            }
            lookups(store, ids, models.get(0).sha());
        }
    }

    private static List<EventId> seed(JdbcEventStore store, int count) {
        Random random = new Random(1);
        List<EventId> ids = new ArrayList<>(count);
        long[] millis = new long[(count + PAGE - 1) / PAGE];
        long start = System.nanoTime();
        for (int done = 0, call = 0; done < count; done += PAGE, call++) {
            List<NewEvent> batch = new ArrayList<>(PAGE);
            for (int i = done; i < Math.min(count, done + PAGE); i++) {
                // Several events per second, so pages cut through equal publication times.
                batch.add(new NewEvent(null, "T" + random.nextInt(50), headline(random), T0.plusMillis(i * 250L)));
            }
            long t = System.nanoTime();
            store.add("bench", batch, T0).forEach(e -> ids.add(e.id()));
            millis[call] = System.nanoTime() - t;
        }
        report("add 1,000 events", millis, count, System.nanoTime() - start);
        return ids;
    }

    private static void analyze(TestDatabase db) {
        try (java.sql.Connection c = db.dataSource().getConnection();
                java.sql.Statement s = c.createStatement()) {
            s.execute("ANALYZE sentiment_event");
            s.execute("ANALYZE sentiment_score");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        System.out.println("analyzed");
    }

    private static String headline(Random random) {
        StringBuilder text = new StringBuilder("Company");
        while (text.length() < 80) {
            text.append(' ').append(WORDS[random.nextInt(WORDS.length)]);
        }
        return text.toString();
    }

    private static void sweep(JdbcEventStore store, Model model, int count) {
        long[] find = new long[(count + PAGE - 1) / PAGE + 1];
        long[] save = new long[find.length];
        long scoring = 0;
        int pages = 0;
        int scored = 0;
        EventQuery query = new EventQuery("bench", null, null, null, model.sha(), null, PAGE);
        long start = System.nanoTime();
        while (true) {
            long t = System.nanoTime();
            EventPage page = store.find(query);
            find[pages] = System.nanoTime() - t;
            t = System.nanoTime();
            Instant now = Instant.now();
            List<StoredScore> scores = new ArrayList<>(page.events().size());
            for (SentimentEvent event : page.events()) {
                Score score = model.score(event.headline());
                scores.add(new StoredScore(event.id(), model.sha(), score.score(), score.label(), now));
            }
            long s = System.nanoTime();
            scoring += s - t;
            scored += store.saveScores("bench", scores);
            save[pages++] = System.nanoTime() - s;
            EventCursor next = page.next();
            if (next == null) {
                break;
            }
            query = query.after(next);
        }
        long elapsed = System.nanoTime() - start;
        System.out.printf(
                Locale.ROOT,
                "sweep with %s: %,d scored in %.2f s = %,.0f events/s end to end "
                        + "(store only: %,.0f events/s; model scoring %.2f s)%n",
                model.name(),
                scored,
                elapsed / 1e9,
                scored / (elapsed / 1e9),
                scored / ((elapsed - scoring) / 1e9),
                scoring / 1e9);
        report("  find 1,000 unscored", Arrays.copyOf(find, pages), 0, 0);
        report("  saveScores 1,000", Arrays.copyOf(save, pages), 0, 0);
    }

    private static void lookups(JdbcEventStore store, List<EventId> ids, String sha) {
        int calls = Math.min(100, ids.size() / PAGE);
        long[] scores = new long[calls];
        long[] latest = new long[calls];
        long[] get = new long[calls];
        for (int round = 0; round < 2; round++) { // the first round warms up
            for (int c = 0; c < calls; c++) {
                List<EventId> slice = ids.subList(c * PAGE, (c + 1) * PAGE);
                long t = System.nanoTime();
                store.scores("bench", slice, sha);
                scores[c] = System.nanoTime() - t;
                t = System.nanoTime();
                store.latestScores("bench", slice, sha);
                latest[c] = System.nanoTime() - t;
                t = System.nanoTime();
                store.get("bench", slice);
                get[c] = System.nanoTime() - t;
            }
        }
        report("scores of 1,000 ids", scores, 0, 0);
        report("latestScores of 1,000 ids", latest, 0, 0);
        report("get 1,000 ids", get, 0, 0);
    }

    private static void report(String what, long[] nanos, int items, long elapsed) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(
                Locale.ROOT,
                "%-28s median %6.2f ms, p95 %6.2f ms, max %6.2f ms over %d calls%s%n",
                what,
                sorted[sorted.length / 2] / 1e6,
                sorted[(int) (sorted.length * 0.95)] / 1e6,
                sorted[sorted.length - 1] / 1e6,
                sorted.length,
                items == 0 ? "" : String.format(Locale.ROOT, "; %,.0f events/s", items / (elapsed / 1e9)));
    }
}
