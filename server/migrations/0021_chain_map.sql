-- The chain map's gap scores (issue 13 §2): per chain node an importance weight set by the commission.
-- gap = importance × (1 − strength); a node without a row weighs the default (0.5, domain/chain-map/gap-score.ts).
-- The strength itself is computed on read from the registry and the statistics rollups, never stored, so it
-- cannot go stale after an approval, a registry change or a signed project.

CREATE TABLE chain_node_weights (
  node_id uuid PRIMARY KEY REFERENCES chain_nodes (id),
  importance numeric(4, 3) NOT NULL CHECK (importance >= 0 AND importance <= 1),
  reason text,
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid
);
