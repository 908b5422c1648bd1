-- Sentiment events and their scores belong to one owner (tenant): an event id is unique per owner, not across all
-- of them, so another tenant's id is free (no 409 that would show it exists), and every key includes the owner.
-- Rows stored before keep their owner ('local' in single-user mode). Keep in step with ../postgresql/V8.
--
-- H2 named the old keys itself (CONSTRAINT_..), so they cannot be dropped by name: the score table is rebuilt,
-- which also drops its foreign key to the event's old primary key, and then that key is replaced.
CREATE TABLE sentiment_score_v3 AS SELECT * FROM sentiment_score;
DROP TABLE sentiment_score;

ALTER TABLE sentiment_event DROP PRIMARY KEY;
-- The keys start with the id, not the owner: reads take 1,000 ids in one `= ANY(?)` parameter (EventIds), and H2
-- uses such a condition only on an index's first column. With (owner, id) it walked all of the owner's events for
-- every such read (get/scores of 1,000 ids 6 to 13 times slower with 20,000 events, and growing with them). Every
-- statement still names the owner (EventIds.OWNED_ANY); the listing indexes (V3) lead with it.
ALTER TABLE sentiment_event ADD CONSTRAINT sentiment_event_pkey PRIMARY KEY (id, owner);

-- The primary key also answers "has this event a score from this model" (find's unscored filter) and finds an
-- event's few scores (latestScores, history).
CREATE TABLE sentiment_score (
    owner     VARCHAR(200)     NOT NULL,
    event_id  UUID             NOT NULL,
    model_sha VARCHAR(64)      NOT NULL,
    score     DOUBLE PRECISION NOT NULL,
    label     VARCHAR(8)       NOT NULL,
    scored_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT sentiment_score_pkey PRIMARY KEY (event_id, owner, model_sha),
    CONSTRAINT sentiment_score_event_fkey FOREIGN KEY (event_id, owner)
        REFERENCES sentiment_event (id, owner) ON DELETE CASCADE,
    CONSTRAINT sentiment_score_score_check CHECK (score BETWEEN -1 AND 1),
    CONSTRAINT sentiment_score_label_check CHECK (label IN ('positive', 'negative', 'neutral'))
);

INSERT INTO sentiment_score (owner, event_id, model_sha, score, label, scored_at)
SELECT e.owner, s.event_id, s.model_sha, s.score, s.label, s.scored_at
FROM sentiment_score_v3 s JOIN sentiment_event e ON e.id = s.event_id;

DROP TABLE sentiment_score_v3;
