-- Sentiment events and their scores belong to one owner (tenant): an event id is unique per owner, not across all
-- of them, so another tenant's id is free (no 409 that would show it exists), and every key includes the owner.
-- Rows stored before keep their owner ('local' in single-user mode). Keep in step with ../h2/V8.
ALTER TABLE sentiment_score ADD COLUMN owner VARCHAR(200);
UPDATE sentiment_score s SET owner = e.owner FROM sentiment_event e WHERE e.id = s.event_id;
ALTER TABLE sentiment_score ALTER COLUMN owner SET NOT NULL;

ALTER TABLE sentiment_score DROP CONSTRAINT sentiment_score_event_id_fkey;
ALTER TABLE sentiment_score DROP CONSTRAINT sentiment_score_pkey;
ALTER TABLE sentiment_event DROP CONSTRAINT sentiment_event_pkey;

-- The keys start with the id, not the owner: reads take 1,000 ids in one `= ANY(?)` parameter (EventIds), and H2
-- uses such a condition only on an index's first column. With (owner, id) it walked all of the owner's events for
-- every such read (get/scores of 1,000 ids 6 to 13 times slower with 20,000 events, and growing with them). Every
-- statement still names the owner (EventIds.OWNED_ANY); the listing indexes (V3) lead with it.
ALTER TABLE sentiment_event ADD CONSTRAINT sentiment_event_pkey PRIMARY KEY (id, owner);
-- The primary key also answers "has this event a score from this model" (find's unscored filter) and finds an
-- event's few scores (latestScores, history).
ALTER TABLE sentiment_score ADD CONSTRAINT sentiment_score_pkey PRIMARY KEY (event_id, owner, model_sha);
ALTER TABLE sentiment_score ADD CONSTRAINT sentiment_score_event_fkey FOREIGN KEY (event_id, owner)
    REFERENCES sentiment_event (id, owner) ON DELETE CASCADE;
