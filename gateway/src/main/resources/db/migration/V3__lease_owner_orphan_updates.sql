-- Which instance holds a request's lease (gateway.dispatch.instance-id), so that an instance that
-- was killed takes its own leases back when it starts again instead of waiting for them to expire.
ALTER TABLE takedown_request ADD COLUMN lease_owner varchar(256);
CREATE INDEX request_leases_by_owner ON takedown_request (lease_owner)
    WHERE lease_token IS NOT NULL;

-- An orphaned callback keeps the whole update, so that it can be applied once the create call's
-- answer is recorded (a partner may report back before the gateway knows its reference).
ALTER TABLE callback_orphan
    ADD COLUMN partner_operation  varchar(512),
    ADD COLUMN preserved_until    timestamptz,
    ADD COLUMN partner_updated_at timestamptz,
    ADD COLUMN adopted_at         timestamptz;
CREATE INDEX orphan_by_partner_ref ON callback_orphan (platform, partner_ref)
    WHERE adopted_at IS NULL;
