-- Statistics (#19) read from days computed ahead instead of from every request and its history.
--
-- statistics_day holds, for each day (a request's createdAt in the unit's zone, Africa/Casablanca,
-- the API's default) and each combination of platform, category, action, priority, state, outcome
-- and "first COMPLETED within the deadline", how many requests are there and, packed as float8
-- (float8send, 8 bytes each), their seconds to the first SUBMITTED and to the first COMPLETED.
-- Nothing of the hot path writes it: statistics.RefreshStatisticsDays recomputes the days whose
-- requests have events (request_event, written by a trigger on every change of state) after its
-- cursor, in the same way the raw statistics compute them, and moves the cursor in the same
-- transaction. A reader adds up the stored days and computes the days with events after the
-- cursor from the requests in its own snapshot, so its figures are exact at that snapshot.
--
-- Two figures are never stored: overdue (it depends on now) and extended (an extension is a
-- history line without a change of state, so without an event); both are counted at each call,
-- the second through history_preservation_extended.
CREATE TABLE statistics_day (
    day             date        NOT NULL,
    platform        varchar(16) NOT NULL,
    category        varchar(32) NOT NULL,
    action          varchar(16) NOT NULL,
    priority        varchar(16) NOT NULL,
    status          varchar(16) NOT NULL,
    outcome         varchar(16),
    within_deadline boolean     NOT NULL,
    requests        integer     NOT NULL,
    to_submit       bytea       NOT NULL,
    to_outcome      bytea       NOT NULL
);
CREATE INDEX statistics_day_by_day ON statistics_day (day);
-- read whole at each call: compressing what is already dense costs CPU for nothing
ALTER TABLE statistics_day ALTER COLUMN to_submit SET STORAGE EXTERNAL;
ALTER TABLE statistics_day ALTER COLUMN to_outcome SET STORAGE EXTERNAL;

-- The last event whose day statistics_day reflects, in the event feed's (txid, id) order; no row
-- until the first refresh, when every day is computed.
CREATE TABLE statistics_refresh (
    singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    event_txid xid8    NOT NULL,
    event_id   bigint  NOT NULL
);

-- The extensions of preservations, few among the history's lines.
CREATE INDEX history_preservation_extended ON request_history (request_id)
    WHERE from_status = 'COMPLETED' AND to_status = 'COMPLETED'
      AND detail LIKE 'preservation extended%';
