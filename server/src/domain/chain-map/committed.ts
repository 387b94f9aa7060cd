/**
 * What a signed project brings to its chain node before it produces (issue 13 §3 "the project's signing closes
 * its node's gap", docs/decisions/0035-signed-projects-committed-capacity.md). Pure.
 *
 * A signed (or started, or completed but not yet producing) project is a committed new local enterprise on its
 * node: it counts as one more enterprise unless its investor is already mapped on the node, as one more 规上
 * enterprise when its expected annual output (达产产值) reaches the 规上 threshold, and its expected annual output
 * pro rata to the period (× month / 12, the YTD a plant of that size would have produced) joins the node's and
 * the domain's output for the share. Growth is left alone: a new entrant has no base year, so it is outside the
 * comparable set (SPEC §4). Once the project is producing it leaves these stages and its real figures take over.
 */

/** 规模以上工业企业: annual main-business revenue of 20 million yuan (2000 万元) or more. */
import type { NodeFacts } from './gap-score.ts';

export const ABOVE_SCALE_ANNUAL_OUTPUT = 2000;

export interface CommittedProject {
  projectId: string;
  nodeId: string;
  templateId: string;
  /** 万元 per year at full production; null when not given (then it counts as an enterprise without output). */
  expectedAnnualOutput: number | null;
  /** The investor is already a local enterprise mapped on this node: the project is an expansion, not a newcomer. */
  investorOnNode: boolean;
}

export interface CommittedNode {
  enterprises: number;
  aboveScale: number;
  /** 万元, YTD-equivalent of the period. */
  outputYtd: number;
}

export const NO_COMMITMENT: CommittedNode = { enterprises: 0, aboveScale: 0, outputYtd: 0 };

/** Per node and per chain template (the domain total counts a project on two nodes of one chain once). */
export function committedCapacity(projects: readonly CommittedProject[], month: number): { nodes: Map<string, CommittedNode>; templates: Map<string, number> } {
  const nodes = new Map<string, CommittedNode>();
  const templates = new Map<string, number>();
  const countedInTemplate = new Set<string>();
  for (const p of projects) {
    const annual = p.expectedAnnualOutput ?? 0;
    const ytd = (annual * month) / 12;
    const n = nodes.get(p.nodeId) ?? { ...NO_COMMITMENT };
    if (!p.investorOnNode) {
      n.enterprises += 1;
      if (annual >= ABOVE_SCALE_ANNUAL_OUTPUT) n.aboveScale += 1;
    }
    n.outputYtd += ytd;
    nodes.set(p.nodeId, n);
    const key = `${p.templateId}/${p.projectId}`;
    if (!countedInTemplate.has(key)) {
      countedInTemplate.add(key);
      templates.set(p.templateId, (templates.get(p.templateId) ?? 0) + ytd);
    }
  }
  return { nodes, templates };
}

/** The node's facts with its committed projects folded in (what scoreNode weighs). */
export function withCommitted(facts: NodeFacts, committed: CommittedNode, domainCommittedYtd: number): NodeFacts {
  return {
    ...facts,
    enterprises: facts.enterprises + committed.enterprises,
    aboveScale: facts.aboveScale + committed.aboveScale,
    figures: facts.figures
      ? { ...facts.figures, outputYtd: facts.figures.outputYtd + committed.outputYtd, domainOutputYtd: facts.figures.domainOutputYtd + domainCommittedYtd }
      : null,
  };
}
