-- Which instance holds a request's lease (gateway.dispatch.instance-id), so that an instance that
-- was killed takes its own leases back when it starts again instead of waiting for them to expire.
ALTER TABLE takedown_request ADD COLUMN lease_owner varchar(256);
CREATE INDEX request_leases_by_owner ON takedown_request (lease_owner)
    WHERE lease_token IS NOT NULL;
