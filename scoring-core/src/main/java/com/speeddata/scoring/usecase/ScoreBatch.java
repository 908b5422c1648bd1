package com.speeddata.scoring.usecase;

import com.speeddata.scoring.Score;
import com.speeddata.scoring.events.EventId;
import com.speeddata.scoring.events.EventPage;
import com.speeddata.scoring.events.EventQuery;
import com.speeddata.scoring.events.EventStore;
import com.speeddata.scoring.events.SentimentEvent;
import com.speeddata.scoring.events.StoredScore;
import com.speeddata.scoring.events.UnknownEventsException;
import com.speeddata.scoring.model.Model;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Use case: score a batch page by page. Stored events get their scores saved (a page per transaction, so a
 * retried batch redoes at most one page and keeps the first score of each event); every result also goes to the
 * sink. Progress is reported after each page; a reporter may throw to cancel.
 */
public final class ScoreBatch {
    private final EventStore events;
    private final Clock clock;
    private final int pageSize;

    public ScoreBatch(EventStore events, Clock clock, int pageSize) {
        this.events = events;
        this.clock = clock;
        this.pageSize = pageSize;
    }

    /** Receives results page by page. */
    @FunctionalInterface
    public interface ResultSink {
        void accept(List<BatchResult> results) throws Exception;
    }

    /** Told the counts after each page. */
    @FunctionalInterface
    public interface Progress {
        void report(long done, long failed, long total);
    }

    /** What a finished batch did. */
    public record Summary(long total, long scored, long failed) {}

    /** The items a batch covers, counted before it starts. */
    public long total(Model model, BatchItems items) {
        if (items instanceof BatchItems.EventIds ids) {
            return ids.ids().size();
        }
        if (items instanceof BatchItems.Headlines headlines) {
            return headlines.headlines().size();
        }
        return events.count(((BatchItems.Selection) items).queryFor(model.sha()));
    }

    public Summary run(String owner, Model model, BatchItems items, ResultSink sink, Progress progress)
            throws Exception {
        long total = total(model, items);
        Counter counter = new Counter(total, progress);
        progress.report(0, 0, total);
        if (items instanceof BatchItems.EventIds ids) {
            scoreIds(owner, model, ids.ids(), sink, counter);
        } else if (items instanceof BatchItems.Headlines headlines) {
            scoreHeadlines(model, headlines.headlines(), sink, counter);
        } else {
            EventQuery query = ((BatchItems.Selection) items).queryFor(model.sha());
            if (!query.owner().equals(owner)) {
                throw new IllegalArgumentException(
                        "the selection is of owner '" + query.owner() + "', the batch of '" + owner + "'");
            }
            scoreSelection(model, query, sink, counter);
        }
        return new Summary(Math.max(total, counter.done + counter.failed), counter.done, counter.failed);
    }

    private void scoreIds(String owner, Model model, List<EventId> ids, ResultSink sink, Counter counter)
            throws Exception {
        for (int from = 0; from < ids.size(); from += pageSize) {
            List<EventId> page = ids.subList(from, Math.min(ids.size(), from + pageSize));
            List<SentimentEvent> found;
            int missing = 0;
            try {
                found = events.get(owner, page);
            } catch (UnknownEventsException e) {
                Set<EventId> unknown = new HashSet<>(e.ids());
                missing = unknown.size();
                List<EventId> known =
                        page.stream().filter(id -> !unknown.contains(id)).toList();
                found = known.isEmpty() ? List.of() : events.get(owner, known);
            }
            scoreEvents(owner, model, found, sink);
            counter.add(found.size(), missing);
        }
    }

    private void scoreSelection(Model model, EventQuery query, ResultSink sink, Counter counter) throws Exception {
        EventQuery pageQuery = query.after(null).withLimit(pageSize);
        EventPage page;
        do {
            page = events.find(pageQuery);
            scoreEvents(query.owner(), model, page.events(), sink);
            counter.add(page.events().size(), 0);
            pageQuery = pageQuery.after(page.next());
        } while (page.next() != null);
    }

    private void scoreEvents(String owner, Model model, List<SentimentEvent> page, ResultSink sink) throws Exception {
        List<StoredScore> scores = new ArrayList<>(page.size());
        List<BatchResult> results = new ArrayList<>(page.size());
        for (SentimentEvent event : page) {
            Score score = model.score(event.headline());
            scores.add(new StoredScore(event.id(), model.sha(), score.score(), score.label(), clock.instant()));
            results.add(new BatchResult(event.id().toString(), score.score(), score.label()));
        }
        events.saveScores(owner, scores);
        sink.accept(results);
    }

    private void scoreHeadlines(Model model, List<BatchItems.Headline> headlines, ResultSink sink, Counter counter)
            throws Exception {
        for (int from = 0; from < headlines.size(); from += pageSize) {
            List<BatchResult> results = new ArrayList<>();
            for (BatchItems.Headline headline : headlines.subList(from, Math.min(headlines.size(), from + pageSize))) {
                Score score = model.score(headline.text());
                results.add(new BatchResult(headline.id(), score.score(), score.label()));
            }
            sink.accept(results);
            counter.add(results.size(), 0);
        }
    }

    /** Running counts, reported as they change. */
    private static final class Counter {
        private final long total;
        private final Progress progress;
        private long done;
        private long failed;

        Counter(long total, Progress progress) {
            this.total = total;
            this.progress = progress;
        }

        void add(long scored, long missing) {
            done += scored;
            failed += missing;
            progress.report(done, failed, Math.max(total, done + failed));
        }
    }
}
