-- Cases as the submitter sent them. Immutable after creation.
CREATE TABLE takedown_case (
    id                      uuid PRIMARY KEY,
    submitter               varchar(256) NOT NULL,
    external_ref            varchar(128) NOT NULL,
    category                varchar(32)  NOT NULL,
    priority                varchar(16)  NOT NULL,
    legal_law               varchar(256) NOT NULL,
    legal_article           varchar(256),
    legal_authorization_ref varchar(256) NOT NULL,
    requester_name          varchar(256),
    requester_email         varchar(256) NOT NULL,
    requester_unit          varchar(256),
    non_disclosure          boolean      NOT NULL,
    created_at              timestamptz  NOT NULL,
    CONSTRAINT case_external_ref_per_submitter UNIQUE (submitter, external_ref)
);

-- The items of a case, with the evidence hash that proves later what was reported.
CREATE TABLE case_item (
    case_id         uuid          NOT NULL REFERENCES takedown_case (id),
    position        integer       NOT NULL,
    url             text          NOT NULL,
    canonical_url   text          NOT NULL,
    content_id      varchar(256),
    evidence_sha256 char(64)      NOT NULL,
    observed_at     timestamptz,
    note            varchar(2000),
    PRIMARY KEY (case_id, position)
);

-- One request per (item, action). submitter, category and case_external_ref are copied from the
-- (immutable) case so that listing filters and ownership checks need no join.
CREATE TABLE takedown_request (
    id                uuid PRIMARY KEY,
    case_id           uuid         NOT NULL REFERENCES takedown_case (id),
    item_position     integer      NOT NULL,
    submitter         varchar(256) NOT NULL,
    category          varchar(32)  NOT NULL,
    case_external_ref varchar(128) NOT NULL,
    platform          varchar(16)  NOT NULL,
    action            varchar(16)  NOT NULL,
    url               text         NOT NULL,
    canonical_url     text         NOT NULL,
    content_id        varchar(256),
    status            varchar(16)  NOT NULL,
    outcome           varchar(16),
    partner_ref       varchar(512),
    partner_operation varchar(512),
    attempts          integer      NOT NULL DEFAULT 0,
    next_attempt_at   timestamptz,
    last_error        text,
    due_at            timestamptz  NOT NULL,
    preserved_until   timestamptz,
    created_at        timestamptz  NOT NULL,
    updated_at        timestamptz  NOT NULL,
    -- a dispatcher's claim: whoever holds lease_token may record the result until lease_until
    lease_token       uuid,
    lease_until       timestamptz,
    CONSTRAINT request_status_known CHECK (status IN
        ('PENDING', 'SUBMITTED', 'IN_REVIEW', 'COMPLETED', 'FAILED', 'CANCELLED', 'EXPIRED')),
    CONSTRAINT request_outcome_only_when_completed CHECK (outcome IS NULL OR status = 'COMPLETED'),
    CONSTRAINT request_one_per_item_action UNIQUE (case_id, item_position, action)
);

CREATE INDEX request_due_for_dispatch ON takedown_request (platform, next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX request_newest_first ON takedown_request (created_at DESC, id DESC);
CREATE INDEX request_by_case ON takedown_request (case_id);
CREATE INDEX request_by_case_ref ON takedown_request (case_external_ref);
CREATE INDEX request_open_by_due ON takedown_request (due_at) WHERE status IN ('PENDING', 'SUBMITTED', 'IN_REVIEW');

-- Every state change and every delivery attempt, append-only: the audit trail.
CREATE TABLE request_history (
    id          bigserial PRIMARY KEY,
    request_id  uuid        NOT NULL REFERENCES takedown_request (id),
    at          timestamptz NOT NULL,
    from_status varchar(16),
    to_status   varchar(16) NOT NULL,
    source      varchar(32) NOT NULL,
    actor       varchar(256),
    detail      text
);
CREATE INDEX history_by_request ON request_history (request_id, id);

CREATE FUNCTION refuse_history_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'request_history is append-only';
END;
$$;
CREATE TRIGGER request_history_append_only
    BEFORE UPDATE OR DELETE ON request_history
    FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();
CREATE TRIGGER request_history_no_truncate
    BEFORE TRUNCATE ON request_history
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_rewrite();

-- Idempotency-Key records: the first response to a key is replayed for the same body.
CREATE TABLE idempotency_record (
    submitter       varchar(256) NOT NULL,
    idempotency_key varchar(255) NOT NULL,
    body_sha256     char(64)     NOT NULL,
    case_id         uuid         REFERENCES takedown_case (id),
    created_at      timestamptz  NOT NULL,
    PRIMARY KEY (submitter, idempotency_key)
);
