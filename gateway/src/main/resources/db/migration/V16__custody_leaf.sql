-- Issue #18, speed: the tree's leaves move out of custody_entry into an insert-only table.
--
-- V15 gave each entry its index and leaf input by an UPDATE of the entry: a second version of
-- every row (content included) with its index entries, written one statement per entry, and a
-- dead row for vacuum. At full dispatch speed the integrator fell behind (custody_lag_p99_ms 24 s)
-- and the database's work per request tripled. Now the integrator only inserts: each round writes
-- its leaves (custody_leaf) and their complete subtrees (custody_node) in one statement each, and
-- checks each statement as a whole. An entry is never changed after its writer inserts it.
--
-- The integrator resumes after the last entry it integrated (the entry of the highest leaf): it
-- takes entries in (txid, id) order from transactions older than every running one, so every
-- entry before that point was visible to the round that passed it and is in the tree.

CREATE TABLE custody_leaf (
    leaf_index bigint PRIMARY KEY CHECK (leaf_index >= 0),
    -- the entry this leaf is; an entry is in the tree once at most
    entry_id   bigint NOT NULL UNIQUE,
    -- the exact bytes hashed into the leaf (GATEWAY-API.md "Chain of custody")
    leaf_input bytea  NOT NULL
);

INSERT INTO custody_leaf (leaf_index, entry_id, leaf_input)
    SELECT leaf_index, id, leaf_input FROM custody_entry WHERE leaf_index IS NOT NULL;

-- custody_entry becomes insert-only, like every other table of the log
DROP TRIGGER custody_entry_append_only ON custody_entry;
DROP FUNCTION custody_entry_guard();
DROP INDEX custody_entry_pending;
DROP INDEX custody_entry_of_request;
DROP INDEX custody_entry_of_case;
ALTER TABLE custody_entry DROP COLUMN leaf_index, DROP COLUMN leaf_input;
-- the integrator's order, and where it resumes
CREATE INDEX custody_entry_commit_order ON custody_entry (txid, id);
CREATE INDEX custody_entry_of_request ON custody_entry (request_id) WHERE request_id IS NOT NULL;
CREATE INDEX custody_entry_of_case ON custody_entry (case_id) WHERE case_id IS NOT NULL;
CREATE TRIGGER custody_entry_append_only
    BEFORE UPDATE OR DELETE ON custody_entry
    FOR EACH ROW EXECUTE FUNCTION custody_refuse_rewrite();

CREATE TRIGGER custody_leaf_append_only
    BEFORE UPDATE OR DELETE ON custody_leaf
    FOR EACH ROW EXECUTE FUNCTION custody_refuse_rewrite();
CREATE TRIGGER custody_leaf_no_truncate
    BEFORE TRUNCATE ON custody_leaf
    FOR EACH STATEMENT EXECUTE FUNCTION custody_refuse_rewrite();

-- Leaves are added at the end of the tree, without a gap: the rows a statement adds are
-- consecutive indexes (unique by the primary key), the first follows the last leaf before them,
-- and none lies beyond them. Checked once per statement, over its rows (a transition table).
CREATE FUNCTION custody_leaf_gapless() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    first_added bigint;
    last_added  bigint;
    added_count bigint;
BEGIN
    SELECT min(leaf_index), max(leaf_index), count(*)
        INTO first_added, last_added, added_count FROM added;
    IF added_count = 0 THEN
        RETURN NULL;
    END IF;
    IF last_added - first_added + 1 <> added_count
       OR (first_added > 0
           AND NOT EXISTS (SELECT 1 FROM custody_leaf WHERE leaf_index = first_added - 1))
       OR (SELECT max(leaf_index) FROM custody_leaf) <> last_added
    THEN
        RAISE EXCEPTION 'custody_leaf: indexes % to % are not the next indexes of the tree',
            first_added, last_added USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER custody_leaf_next_indexes
    AFTER INSERT ON custody_leaf
    REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION custody_leaf_gapless();

-- A stored leaf node is the hash of its leaf's input: now checked per statement, against
-- custody_leaf.
DROP TRIGGER custody_node_leaf_check ON custody_node;
DROP FUNCTION custody_leaf_matches_entry();
CREATE FUNCTION custody_node_leaves_match() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    wrong bigint;
BEGIN
    SELECT n.node_index INTO wrong
        FROM added n LEFT JOIN custody_leaf l ON l.leaf_index = n.node_index
        WHERE n.level = 0
          AND n.hash IS DISTINCT FROM sha256('\x00'::bytea || l.leaf_input)
        ORDER BY n.node_index LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'custody_node: leaf % is not the hash of leaf %''s input', wrong, wrong
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER custody_node_leaf_check
    AFTER INSERT ON custody_node
    REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION custody_node_leaves_match();
