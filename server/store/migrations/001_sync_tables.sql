-- The sync store: ciphertext, sizes and sequence numbers only. Every table is keyed by the space
-- and every query names it, so the space is the distribution column on Citus as is.
CREATE TABLE sync_spaces (
  space_id text PRIMARY KEY,
  token_hash bytea NOT NULL,
  last_seq bigint NOT NULL DEFAULT 0,
  stored_bytes bigint NOT NULL DEFAULT 0,
  -- Changes up to here were dropped after a snapshot covered them: a pull from before starts there.
  pruned_through bigint NOT NULL DEFAULT 0
);

CREATE TABLE sync_changes (
  space_id text NOT NULL,
  seq bigint NOT NULL,
  change_id text NOT NULL,
  body bytea NOT NULL,
  PRIMARY KEY (space_id, seq),
  UNIQUE (space_id, change_id)
);

CREATE TABLE sync_snapshots (
  space_id text PRIMARY KEY,
  upto_seq bigint NOT NULL,
  body bytea NOT NULL
);
