import { describe, expect, it } from 'vitest';
import { RED_GAP } from '../../../../contracts/chain-map.ts';
import { ABOVE_SCALE_ANNUAL_OUTPUT, committedCapacity, withCommitted } from './committed.ts';
import { scoreNode, type NodeFacts } from './gap-score.ts';

const project = (over: Partial<Parameters<typeof committedCapacity>[0][number]> = {}) => ({
  projectId: 'p1',
  nodeId: 'media',
  templateId: 'bio',
  expectedAnnualOutput: 120_000,
  investorOnNode: false,
  ...over,
});

describe('a signed project as committed capacity on its node', () => {
  it('a newcomer counts as one enterprise, 规上 at the threshold, with its output pro rata to the month', () => {
    const c = committedCapacity([project(), project({ projectId: 'p2', nodeId: 'x', expectedAnnualOutput: ABOVE_SCALE_ANNUAL_OUTPUT - 1 })], 9);
    expect(c.nodes.get('media')).toEqual({ enterprises: 1, aboveScale: 1, outputYtd: 90_000 });
    expect(c.nodes.get('x')).toEqual({ enterprises: 1, aboveScale: 0, outputYtd: ((ABOVE_SCALE_ANNUAL_OUTPUT - 1) * 9) / 12 });
    expect(c.templates.get('bio')).toBeCloseTo(90_000 + ((ABOVE_SCALE_ANNUAL_OUTPUT - 1) * 9) / 12, 6);
  });

  it('an expansion by an enterprise already on the node adds output but no enterprise; a project on two nodes counts once in the domain', () => {
    const c = committedCapacity([project({ investorOnNode: true }), project({ nodeId: 'other' })], 6);
    expect(c.nodes.get('media')).toEqual({ enterprises: 0, aboveScale: 0, outputYtd: 60_000 });
    expect(c.nodes.get('other')).toEqual({ enterprises: 1, aboveScale: 1, outputYtd: 60_000 });
    expect(c.templates.get('bio')).toBe(60_000);
  });

  it('without an expected output the project is an enterprise without output', () => {
    expect(committedCapacity([project({ expectedAnnualOutput: null })], 3).nodes.get('media')).toEqual({ enterprises: 1, aboveScale: 0, outputYtd: 0 });
  });

  it('an empty upstream node leaves the red band once a 12-亿 culture-media plant signs (arithmetic redone by hand)', () => {
    // 培养基: importance 0.9, no local enterprise, domain output YTD 60 000 万元 over 15 nodes, September.
    const empty: NodeFacts = { enterprises: 0, aboveScale: 0, signedProjects: 0, localSupply: null, figures: { outputYtd: 0, domainOutputYtd: 60_000, nodesInDomain: 15, comparableYtd: 0, comparableBase: 0 } };
    const before = scoreNode(empty, 0.9);
    expect(before.gap).toBe(0.9);
    const c = committedCapacity([project()], 9);
    const after = scoreNode(withCommitted({ ...empty, signedProjects: 1 }, c.nodes.get('media')!, c.templates.get('bio')!), 0.9);
    // By hand: enterprises 1/5 = 0.2 (w .20); share 90 000 / 150 000 = 0.6, × 15 nodes → 1 (w .25);
    // growth: no base → left out; 规上 1/2 = 0.5 (w .15); local supply: none; pipeline 1/2 = 0.5 (w .15).
    const strength = (0.2 * 0.2 + 0.25 * 1 + 0.15 * 0.5 + 0.15 * 0.5) / (0.2 + 0.25 + 0.15 + 0.15);
    expect(after.strength).toBeCloseTo(strength, 4);
    expect(after.gap).toBeCloseTo(0.9 * (1 - strength), 3);
    expect(before.gap).toBeGreaterThanOrEqual(RED_GAP);
    expect(after.gap).toBeLessThan(RED_GAP);
  });

  it('a signing alone, without planned output, lowers the gap but does not clear the red band on such a node', () => {
    const facts: NodeFacts = { enterprises: 0, aboveScale: 0, signedProjects: 1, localSupply: null, figures: { outputYtd: 0, domainOutputYtd: 60_000, nodesInDomain: 15, comparableYtd: 0, comparableBase: 0 } };
    const c = committedCapacity([project({ expectedAnnualOutput: null })], 9);
    const s = scoreNode(withCommitted(facts, c.nodes.get('media')!, c.templates.get('bio')!), 0.9);
    expect(s.gap).toBeCloseTo(0.9 * (1 - (0.2 * 0.2 + 0.15 * 0.5) / 0.75), 3);
    expect(s.gap).toBeGreaterThanOrEqual(RED_GAP);
  });
});
