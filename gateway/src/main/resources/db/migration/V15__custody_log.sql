-- Issue #18: the chain of custody (GATEWAY-API.md "Chain of custody").
--
-- Writers only INSERT an entry, inside their own transaction: no lock, no sequence of the tree.
-- The integrator (custody/IntegrateCustodyLog, one at a time per database through an advisory
-- lock) later takes the entries of transactions older than every running one, in (txid, id)
-- order, as the event feed reads request_event: an entry that commits late can never receive an
-- index below one already in the tree. It gives each its index and its leaf input (the exact
-- bytes hashed), stores the tree's complete subtrees and signs a checkpoint, in one transaction.
--
-- Nothing here can be changed afterwards through SQL, whoever runs it, while the triggers are
-- enabled: an entry's only change is the integrator's one-time assignment of its index and leaf
-- input; nodes and checkpoints are insert-only; TRUNCATE is refused. Someone who disables the
-- triggers (a superuser) can still rewrite rows, and then the signed checkpoints and the proofs
-- no longer verify: that is the evidence.

CREATE TABLE custody_entry (
    -- arrival order among the entries of one transaction
    id             bigserial    PRIMARY KEY,
    -- the writing transaction: entries are integrated in (txid, id) order
    txid           xid8         NOT NULL DEFAULT pg_current_xact_id(),
    kind           varchar(32)  NOT NULL CHECK (kind IN
                       ('partner.request', 'partner.answer', 'partner.callback', 'officer.action')),
    at             timestamptz  NOT NULL,
    request_id     uuid,
    case_id        uuid,
    platform       varchar(16),
    actor          varchar(256) NOT NULL,
    -- the exact bytes the entry covers, and their SHA-256 (computed here, never by a writer)
    content        bytea        NOT NULL,
    content_sha256 bytea        NOT NULL GENERATED ALWAYS AS (sha256(content)) STORED,
    -- set once by the integrator: the leaf's index in the tree and the exact leaf input bytes
    leaf_index     bigint       UNIQUE CHECK (leaf_index >= 0),
    leaf_input     bytea,
    CONSTRAINT custody_entry_integrated_whole CHECK ((leaf_index IS NULL) = (leaf_input IS NULL))
);
-- what the integrator has yet to take, in its order
CREATE INDEX custody_entry_pending ON custody_entry (txid, id) WHERE leaf_index IS NULL;
CREATE INDEX custody_entry_of_request ON custody_entry (request_id, leaf_index)
    WHERE leaf_index IS NOT NULL;
CREATE INDEX custody_entry_of_case ON custody_entry (case_id, leaf_index)
    WHERE leaf_index IS NOT NULL;

-- The complete perfect subtrees of the tree (RFC 9162): 2^level leaves from index << level. A
-- node never changes once complete, so proofs for any past tree size read O(log n) of them.
CREATE TABLE custody_node (
    level      smallint NOT NULL CHECK (level BETWEEN 0 AND 62),
    node_index bigint   NOT NULL CHECK (node_index >= 0),
    hash       bytea    NOT NULL CHECK (octet_length(hash) = 32),
    PRIMARY KEY (level, node_index)
);

-- Signed tree heads: the JWS's payload is {"treeSize","rootHash","at"}, exactly as stored.
CREATE TABLE custody_checkpoint (
    tree_size bigint      PRIMARY KEY CHECK (tree_size >= 0),
    root_hash bytea       NOT NULL CHECK (octet_length(root_hash) = 32),
    at        timestamptz NOT NULL,
    jws       text        NOT NULL
);

CREATE FUNCTION custody_entry_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- The one change allowed: the integrator gives an entry not yet in the tree the next index
    -- of the tree and its leaf input, and changes nothing else.
    IF TG_OP = 'UPDATE' THEN
        IF OLD.leaf_index IS NULL AND OLD.leaf_input IS NULL
           AND NEW.leaf_index IS NOT NULL AND NEW.leaf_input IS NOT NULL
           AND (NEW.id, NEW.txid, NEW.kind, NEW.at, NEW.request_id, NEW.case_id, NEW.platform,
                NEW.actor, NEW.content)
               IS NOT DISTINCT FROM
               (OLD.id, OLD.txid, OLD.kind, OLD.at, OLD.request_id, OLD.case_id, OLD.platform,
                OLD.actor, OLD.content)
        THEN
            -- gapless and in order: one row per statement, so earlier rows of a batch are seen
            IF NEW.leaf_index <> (SELECT coalesce(max(leaf_index) + 1, 0) FROM custody_entry) THEN
                RAISE EXCEPTION 'custody_entry: index % is not the next index of the tree',
                    NEW.leaf_index USING ERRCODE = 'integrity_constraint_violation';
            END IF;
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION 'custody_entry is append-only: % refused', TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
CREATE TRIGGER custody_entry_append_only
    BEFORE UPDATE OR DELETE ON custody_entry
    FOR EACH ROW EXECUTE FUNCTION custody_entry_guard();

CREATE FUNCTION custody_refuse_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
CREATE TRIGGER custody_entry_no_truncate
    BEFORE TRUNCATE ON custody_entry
    FOR EACH STATEMENT EXECUTE FUNCTION custody_refuse_rewrite();
CREATE TRIGGER custody_node_append_only
    BEFORE UPDATE OR DELETE ON custody_node
    FOR EACH ROW EXECUTE FUNCTION custody_refuse_rewrite();
CREATE TRIGGER custody_node_no_truncate
    BEFORE TRUNCATE ON custody_node
    FOR EACH STATEMENT EXECUTE FUNCTION custody_refuse_rewrite();
CREATE TRIGGER custody_checkpoint_append_only
    BEFORE UPDATE OR DELETE ON custody_checkpoint
    FOR EACH ROW EXECUTE FUNCTION custody_refuse_rewrite();
CREATE TRIGGER custody_checkpoint_no_truncate
    BEFORE TRUNCATE ON custody_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION custody_refuse_rewrite();

-- A stored leaf is the hash of its entry's stored leaf input, checked as it is written.
CREATE FUNCTION custody_leaf_matches_entry() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.level = 0 AND NEW.hash IS DISTINCT FROM
        (SELECT sha256('\x00'::bytea || leaf_input) FROM custody_entry WHERE leaf_index = NEW.node_index)
    THEN
        RAISE EXCEPTION 'custody_node: leaf % is not the hash of entry %''s leaf input',
            NEW.node_index, NEW.node_index
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER custody_node_leaf_check
    BEFORE INSERT ON custody_node
    FOR EACH ROW EXECUTE FUNCTION custody_leaf_matches_entry();
