-- Issue #16: Google pushes are a hint, not a verdict (GATEWAY-API.md, "Configuration"). A verified
-- push makes the gateway poll the operation it names at once; only the poll's answer changes the
-- request.

-- When a push last asked for the request to be polled at once. The push sets next_poll_at to now
-- as well; a poller that held the request meanwhile (its read may predate the change the push
-- announces) sees a hint newer than its claim and leaves the request due at once, instead of
-- scheduling it by age (PollQueue.release).
ALTER TABLE takedown_request ADD COLUMN poll_hinted_at timestamptz;

-- Pub/Sub delivers at least once: the ids of the pushes received, so that a redelivered one is
-- acknowledged without triggering anything. Pub/Sub keeps an unacknowledged message 7 days at
-- most, so ids older than gateway.callbacks.message-retention (7 days) are pruned.
CREATE TABLE callback_message (
    platform    varchar(16)  NOT NULL,
    message_id  varchar(256) NOT NULL,
    received_at timestamptz  NOT NULL,
    PRIMARY KEY (platform, message_id)
);
CREATE INDEX callback_message_by_age ON callback_message (received_at);

-- A push about a reference no request carries yet is kept as an orphan like any callback, but
-- it reports no state: state stays null, and adopting it makes the request's poll due at once.
ALTER TABLE callback_orphan ALTER COLUMN state DROP NOT NULL;
