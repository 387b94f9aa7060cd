/**
 * Local supply per chain node (issue 14 §2 → the chain map's `localSupply` strength component).
 *
 * For a node N, the downstream enterprises are those that need N's products or services: the enterprises with
 * a need posted at N. Their declared suppliers are
 *   - each supplier they agreed with here (an agreed, contacted or concluded match: a district enterprise,
 *     so local), and
 *   - the current source they declared on the need (inside the district or outside; "none yet" declares none).
 * Each (buyer enterprise, supplier) pair counts once per node. The ratio is local pairs / all pairs; a node
 * without any declared supplier has no ratio (null), and the chain map then leaves the component out.
 */

export interface SupplyDeclaration {
  nodeId: string;
  buyerEnterpriseId: string;
  /** A district enterprise's id, or a marker for a declared outside / inside source of one need. */
  supplierKey: string;
  local: boolean;
}

export interface LocalSupply {
  nodeId: string;
  local: number;
  total: number;
  ratio: number;
}

export function localSupplyByNode(declarations: readonly SupplyDeclaration[]): Map<string, LocalSupply> {
  const pairs = new Map<string, Map<string, boolean>>();
  for (const d of declarations) {
    let node = pairs.get(d.nodeId);
    if (!node) pairs.set(d.nodeId, (node = new Map()));
    const key = `${d.buyerEnterpriseId}|${d.supplierKey}`;
    // the same pair declared twice counts once; local if any declaration says so (a match names a district firm)
    node.set(key, (node.get(key) ?? false) || d.local);
  }
  const out = new Map<string, LocalSupply>();
  for (const [nodeId, node] of pairs) {
    const local = [...node.values()].filter(Boolean).length;
    out.set(nodeId, { nodeId, local, total: node.size, ratio: local / node.size });
  }
  return out;
}
