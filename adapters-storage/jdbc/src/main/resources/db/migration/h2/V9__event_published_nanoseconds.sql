-- An event's published_at keeps nanoseconds (contract: "published_at keeps nanoseconds"): a TIMESTAMP WITH TIME
-- ZONE keeps microseconds on both databases, so the instant is kept as int64 nanoseconds since the Unix epoch, as
-- sample times are. Every int64 is an instant the API can show, so no stored row can fail to read back. Rows stored
-- before keep their microseconds; one truncated below the earliest int64 instant (1677-09-21T00:12:43.145224192Z)
-- is moved up to it. Keep in step with ../postgresql/V9.
ALTER TABLE sentiment_event ADD COLUMN published_ns BIGINT;
UPDATE sentiment_event SET published_ns = CAST(GREATEST(-9223372036854775808,
    LEAST(9223372036854775807, EXTRACT(EPOCH FROM published_at) * 1000000000)) AS BIGINT);
ALTER TABLE sentiment_event ALTER COLUMN published_ns SET NOT NULL;

DROP INDEX sentiment_event_owner_published;
DROP INDEX sentiment_event_owner_ticker_published;
ALTER TABLE sentiment_event DROP COLUMN published_at;
-- Pages of one owner's events in (published_ns, id) order, with and without a ticker (as V3's were).
CREATE INDEX sentiment_event_owner_published ON sentiment_event (owner, published_ns, id);
CREATE INDEX sentiment_event_owner_ticker_published ON sentiment_event (owner, ticker, published_ns, id);
