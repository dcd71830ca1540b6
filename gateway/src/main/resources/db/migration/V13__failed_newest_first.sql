-- The officers' most frequent list, the failures (alone or by partner), newest first as every
-- listing is. Through request_newest_first it read every newer request to find the few that
-- failed: with a year of a unit's work (1,000,000 requests, 5% failed, none in the last days)
-- TikTok's failures took 60 ms at the median, 190 at p95 (bench/run, stage 6). FAILED requests are
-- few and leave that state only on an officer's retry, so the index costs dispatch nothing.
CREATE INDEX request_failed_newest_first ON takedown_request (created_at DESC, id DESC)
    WHERE status = 'FAILED';
