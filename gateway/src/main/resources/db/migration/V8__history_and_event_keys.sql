-- Issue #5 (bench/run): every state change appends a history line and, through the trigger
-- request_events, an event; each of those rows was written to three indexes, two of them holding
-- the same order twice. Each table's primary key is now the order it is read in, and the index
-- that duplicated it goes: one index entry fewer per history line and per event, on intake and on
-- every delivery. Measured over 30,000 requests sent (pg_stat_statements): WAL per request 2,323 ->
-- 2,134 bytes (a history line 379 -> 312). Throughput did not move measurably. On tables that
-- already hold months of rows, the new keys are built under a lock that holds writes up for as
-- long: run it in a maintenance window.

-- A request's history is read by request, oldest first (RequestHistory.of): (request_id, id).
-- id is still drawn from its sequence, so it stays unique without an index of its own.
ALTER TABLE request_history DROP CONSTRAINT request_history_pkey;
ALTER TABLE request_history ADD CONSTRAINT request_history_pkey PRIMARY KEY (request_id, id);
DROP INDEX history_by_request;

-- The event feed is read in commit order, (txid, id) (EventFeed.read); event_feed keeps serving
-- one submitter's feed.
ALTER TABLE request_event DROP CONSTRAINT request_event_pkey;
ALTER TABLE request_event ADD CONSTRAINT request_event_pkey PRIMARY KEY (txid, id);
DROP INDEX event_feed_all;
