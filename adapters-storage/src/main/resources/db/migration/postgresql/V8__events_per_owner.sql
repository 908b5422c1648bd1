-- Sentiment events and their scores belong to one owner (tenant): an event id is unique per owner, not across all
-- of them, so another tenant's id is free (no 409 that would show it exists) and every key leads with the owner.
-- Rows stored before keep their owner ('local' in single-user mode). Keep in step with ../h2/V8.
ALTER TABLE sentiment_score ADD COLUMN owner VARCHAR(200);
UPDATE sentiment_score s SET owner = e.owner FROM sentiment_event e WHERE e.id = s.event_id;
ALTER TABLE sentiment_score ALTER COLUMN owner SET NOT NULL;

ALTER TABLE sentiment_score DROP CONSTRAINT sentiment_score_event_id_fkey;
ALTER TABLE sentiment_score DROP CONSTRAINT sentiment_score_pkey;
ALTER TABLE sentiment_event DROP CONSTRAINT sentiment_event_pkey;

ALTER TABLE sentiment_event ADD CONSTRAINT sentiment_event_pkey PRIMARY KEY (owner, id);
-- The primary key also answers "has this event a score from this model" (find's unscored filter) and finds an
-- event's few scores (latestScores, history).
ALTER TABLE sentiment_score ADD CONSTRAINT sentiment_score_pkey PRIMARY KEY (owner, event_id, model_sha);
ALTER TABLE sentiment_score ADD CONSTRAINT sentiment_score_event_fkey FOREIGN KEY (owner, event_id)
    REFERENCES sentiment_event (owner, id) ON DELETE CASCADE;
