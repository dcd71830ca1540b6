-- Issue #17: officers find requests by the content they name: the exact canonical URL or the
-- partner's content id (GET /api/v1/requests?url= and ?contentId=, the console's requests list).
--
-- Both are looked up in the case's items, written once at intake and never updated, rather than in
-- takedown_request: every state change of a request that is not a heap-only update writes an entry
-- in each of its indexes (V7), so an index there is paid for at every delivery, an index here once
-- per item. A request is then reached through request_one_per_item_action (case_id,
-- item_position, action).
--
-- A canonical URL may be longer than a B-tree entry can be (a reported URL has up to 2048
-- characters, and each non-ASCII one is percent-encoded as up to 12; an entry holds about 2700
-- bytes): a hash index serves the exact match whatever the length, holding each URL's 4-byte hash.
-- Content ids have at most 256 characters: a B-tree, of the items that carry one.
--
-- On a case_item table that already holds months of items, both indexes are built under a lock
-- that holds intake up for as long: run it in a maintenance window.
CREATE INDEX case_item_by_canonical_url ON case_item USING hash (canonical_url);
CREATE INDEX case_item_by_content_id ON case_item (content_id) WHERE content_id IS NOT NULL;
