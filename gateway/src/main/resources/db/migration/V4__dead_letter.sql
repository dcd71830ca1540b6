-- Issue #4: the dead letter. Admins list FAILED requests newest failure first (a FAILED request's
-- updated_at is the time it failed: nothing else changes it until a retry takes it out) and
-- retry them in batches walked in the same order.
CREATE INDEX request_dead_letter ON takedown_request (updated_at DESC, id DESC)
    WHERE status = 'FAILED';
