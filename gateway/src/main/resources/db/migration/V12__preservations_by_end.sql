-- Issue #17: the officers' list of preservations (RequestReads.preservations) pages through the
-- preservations held by (preserved_until, id), the first to end first. request_preserved_until
-- (V2) held them by end only: the first page was read in its order, but a page after a position
-- could not start at that position in it (the id breaks ties between ends, which partners give to
-- the second), and PostgreSQL read every preservation ending after it, then sorted them, to show
-- fifty. The index now carries the id: a page starts at its position and reads a page's worth of
-- rows in order. Same predicate, so no row gains an index entry; the preservation watch and the
-- snapshot read it by its leading column as before. PreservationPlansIT holds the plans. On a table
-- that already holds months of requests the new index is built under a lock that holds writes up
-- for as long: run it in a maintenance window.
DROP INDEX request_preserved_until;
CREATE INDEX request_preserved_by_end ON takedown_request (preserved_until, id)
    WHERE status = 'COMPLETED' AND outcome = 'PRESERVED';
