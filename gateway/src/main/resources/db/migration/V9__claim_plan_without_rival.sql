-- Issue #5 (bench/run): the claim (RequestQueue.CLAIM) walks request_dispatch_order, the PENDING
-- requests of one partner in claim order. request_open_by_due held the PENDING requests too, in
-- deadline order, and so rivalled it: on a large backlog with fresh statistics, the plan
-- PostgreSQL caches for the claim (its generic plan) chose request_open_by_due with an incremental
-- sort. That walks every open request due after the claim's cursor, of every partner, SUBMITTED
-- and IN_REVIEW ones included, to find a few of one partner's PENDING ones: in production, where
-- the requests awaiting a partner's decision far outnumber the PENDING ones, a scan of most of the
-- open requests on every claim. Which plan the claim got depended on the statistics at the time
-- (measured: some runs planned every claim anew, 0.29 ms each, others reused one plan).
--
-- The deadline index now holds only the requests awaiting a partner. PENDING requests are found by
-- deadline through request_dispatch_order, whose rows are the PENDING ones; the officers' overdue
-- filter (RequestReads.listing) asks for each part in terms its index answers. ClaimPlanIT and
-- ReadPlansIT hold both plans. On a table that already holds months of requests the new index is
-- built under a lock that holds writes up for as long: run it in a maintenance window.
DROP INDEX request_open_by_due;
CREATE INDEX request_awaiting_partner_by_due ON takedown_request (due_at)
    WHERE status IN ('SUBMITTED', 'IN_REVIEW');
