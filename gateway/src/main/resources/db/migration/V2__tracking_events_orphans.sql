-- Issue #3: following each request to its outcome.

-- Callbacks and polls find requests by the partner's own reference.
CREATE INDEX request_by_partner_ref ON takedown_request (platform, partner_ref);

ALTER TABLE takedown_request
    -- when the partner should next be asked where the request stands (SUBMITTED, IN_REVIEW)
    ADD COLUMN next_poll_at timestamptz,
    -- the partner's own time of the last update applied, to tell stale updates from new ones
    ADD COLUMN partner_updated_at timestamptz,
    -- when officers were warned that the preservation is about to lapse
    ADD COLUMN preservation_warned_at timestamptz;

CREATE INDEX request_due_for_poll ON takedown_request (platform, next_poll_at)
    WHERE status IN ('SUBMITTED', 'IN_REVIEW');
CREATE INDEX request_preserved_until ON takedown_request (preserved_until)
    WHERE status = 'COMPLETED' AND outcome = 'PRESERVED';

-- An expired preservation keeps the outcome it had.
ALTER TABLE takedown_request DROP CONSTRAINT request_outcome_only_when_completed;
ALTER TABLE takedown_request ADD CONSTRAINT request_outcome_only_when_completed
    CHECK (outcome IS NULL OR status IN ('COMPLETED', 'EXPIRED'));

-- The submitters' event feed. Written by a trigger, so that no code path can change a request's
-- state without an event. Each event carries the id of the transaction that wrote it: readers
-- only return events of transactions older than every transaction still running
-- (pg_snapshot_xmin), so an event that commits late can never appear behind a cursor that has
-- already passed it.
CREATE TABLE request_event (
    id         bigserial   PRIMARY KEY,
    txid       xid8        NOT NULL DEFAULT pg_current_xact_id(),
    at         timestamptz NOT NULL,
    case_id    uuid        NOT NULL,
    request_id uuid        NOT NULL,
    submitter  varchar(256) NOT NULL,
    type       varchar(32) NOT NULL,
    status     varchar(16) NOT NULL,
    outcome    varchar(16)
);
CREATE INDEX event_feed ON request_event (submitter, txid, id);
CREATE INDEX event_feed_all ON request_event (txid, id);

CREATE FUNCTION record_request_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO request_event (at, case_id, request_id, submitter, type, status, outcome)
        VALUES (NEW.updated_at, NEW.case_id, NEW.id, NEW.submitter, 'request.created', NEW.status, NEW.outcome);
    ELSIF NEW.status IS DISTINCT FROM OLD.status OR NEW.outcome IS DISTINCT FROM OLD.outcome THEN
        INSERT INTO request_event (at, case_id, request_id, submitter, type, status, outcome)
        VALUES (NEW.updated_at, NEW.case_id, NEW.id, NEW.submitter, 'request.status_changed', NEW.status, NEW.outcome);
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER request_events
    AFTER INSERT OR UPDATE OF status, outcome ON takedown_request
    FOR EACH ROW EXECUTE FUNCTION record_request_event();

-- Verified callbacks about requests the gateway does not know, for officers to look into.
CREATE TABLE callback_orphan (
    id          bigserial    PRIMARY KEY,
    platform    varchar(16)  NOT NULL,
    partner_ref varchar(512) NOT NULL,
    received_at timestamptz  NOT NULL,
    state       varchar(16)  NOT NULL,
    outcome     varchar(16),
    detail      text
);
