-- Stored headlines (sentiment events) and their scores, one per (event, model). Keep in step with ../h2/V3.
CREATE TABLE sentiment_event (
    id           UUID          PRIMARY KEY,
    owner        VARCHAR(200)  NOT NULL,
    ticker       VARCHAR(20)   NOT NULL,
    headline     VARCHAR(1000) NOT NULL,   -- Headlines.MAX_LENGTH: at most 1000 UTF-16 units, so at most 1000 characters
    published_at TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Pages of one owner's events in (published_at, id) order, with and without a ticker.
CREATE INDEX sentiment_event_owner_published ON sentiment_event (owner, published_at, id);
CREATE INDEX sentiment_event_owner_ticker_published ON sentiment_event (owner, ticker, published_at, id);

-- A rescore adds a row; it never overwrites one (the primary key keeps the first score of an event by a model).
-- The primary key also answers "has this event a score from this model" (find's unscored filter).
CREATE TABLE sentiment_score (
    event_id  UUID             NOT NULL REFERENCES sentiment_event (id) ON DELETE CASCADE,
    -- "C": byte order, the order Java's String.compareTo gives these ASCII SHAs (latestScores breaks ties by it).
    model_sha VARCHAR(64)      COLLATE "C" NOT NULL,
    score     DOUBLE PRECISION NOT NULL,
    label     VARCHAR(8)       NOT NULL,
    scored_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT sentiment_score_pkey PRIMARY KEY (event_id, model_sha),
    CONSTRAINT sentiment_score_score_check CHECK (score BETWEEN -1 AND 1),
    CONSTRAINT sentiment_score_label_check CHECK (label IN ('positive', 'negative', 'neutral'))
);

-- No index of its own for an event's most recent score (latestScores): the primary key's event_id prefix already
-- finds an event's few scores (one per model), and the query sorts those few. An extra (event_id, scored_at DESC,
-- model_sha) index made latestScores of 1,000 events no faster (5-7.5 ms either way on PostgreSQL) and every
-- saveScores of 1,000 rows about 5 ms (a fifth) slower.
