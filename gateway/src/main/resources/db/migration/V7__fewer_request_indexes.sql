-- Issue #5 (bench/run): recording a partner's answer (PENDING -> SUBMITTED) writes a new version of
-- the request and an entry for it in every index whose predicate it meets; eight of them did, and
-- that update was the largest single cost of a delivery in PostgreSQL (0.16 ms per request).
-- Measured by pg_stat_statements on a 20,000-request backlog, with the changes below: 0.159-0.175
-- -> 0.123-0.136 ms per update.

-- Redundant: the unique index request_one_per_item_action (case_id, item_position, action) leads
-- with case_id and serves every lookup by case, in the order a case's requests are read.
DROP INDEX request_by_case;

-- Served by the case instead: the officers' caseRef filter finds the cases by their reference (one
-- row per case, written once) and their requests through request_one_per_item_action.
DROP INDEX request_by_case_ref;
CREATE INDEX case_by_external_ref ON takedown_case (external_ref);

-- A request has a partner reference only once the partner accepted it: PENDING requests (every
-- new one) no longer get an entry here.
DROP INDEX request_by_partner_ref;
CREATE INDEX request_by_partner_ref ON takedown_request (platform, partner_ref)
    WHERE partner_ref IS NOT NULL;

-- A callback that names only the partner's operation (Google) was looked up with no index to help:
-- a scan of the whole table, each time one arrived before its request's answer was recorded.
CREATE INDEX request_by_partner_operation ON takedown_request (platform, partner_operation)
    WHERE partner_operation IS NOT NULL;
