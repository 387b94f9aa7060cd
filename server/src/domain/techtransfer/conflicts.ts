/**
 * Which experts may evaluate an achievement (issue 14 §3): pure, no I/O. The parties of an evaluation are the
 * district enterprises on either side of it — the listing's owner (a firm, or the firm operating the owning
 * platform), and for a challenge response the enterprise that posted the challenge, plus every enterprise
 * that asked for an introduction or made a deal on the listing. An expert who declared a conflict of interest
 * (专家回避) with any party is excluded, and so is one whose affiliation is the owning institution itself;
 * the reasons are returned so the page can say why an expert is not offered.
 */
export interface ExpertCandidate {
  id: string;
  name: string;
  affiliation: string | null;
  domainCodes: readonly string[];
  conflicts: readonly { enterpriseId: string; relation: string }[];
}

export interface EvaluationParty {
  enterpriseId: string;
  name: string;
  role: 'owner' | 'challenger' | 'requester' | 'dealer';
}

export type ExclusionReason =
  | { kind: 'declared-conflict'; enterpriseName: string; relation: string; party: EvaluationParty['role'] }
  | { kind: 'same-institution'; institution: string }
  | { kind: 'already-assigned' };

export interface Screened<E extends ExpertCandidate> {
  offered: { expert: E; fieldMatch: boolean }[];
  excluded: { expert: E; reasons: ExclusionReason[] }[];
}

const normalise = (s: string) => s.replace(/\s+/g, '').toLowerCase();

export function screenExperts<E extends ExpertCandidate>(
  experts: readonly E[],
  target: { domainCode: string | null; ownerName: string; parties: readonly EvaluationParty[] },
  alreadyAssigned: ReadonlySet<string> = new Set(),
): Screened<E> {
  const parties = new Map<string, EvaluationParty>();
  for (const p of target.parties) if (!parties.has(p.enterpriseId)) parties.set(p.enterpriseId, p);
  const owner = normalise(target.ownerName);
  const offered: Screened<E>['offered'] = [];
  const excluded: Screened<E>['excluded'] = [];
  for (const expert of experts) {
    const reasons: ExclusionReason[] = [];
    for (const c of expert.conflicts) {
      const party = parties.get(c.enterpriseId);
      if (party) reasons.push({ kind: 'declared-conflict', enterpriseName: party.name, relation: c.relation, party: party.role });
    }
    if (expert.affiliation && owner && normalise(expert.affiliation) === owner) reasons.push({ kind: 'same-institution', institution: target.ownerName });
    if (alreadyAssigned.has(expert.id)) reasons.push({ kind: 'already-assigned' });
    if (reasons.length) excluded.push({ expert, reasons });
    else offered.push({ expert, fieldMatch: target.domainCode !== null && expert.domainCodes.includes(target.domainCode) });
  }
  // experts of the listing's field first (assignment is by field), then by name, stable on every engine
  offered.sort((a, b) => Number(b.fieldMatch) - Number(a.fieldMatch) || a.expert.name.localeCompare(b.expert.name, 'zh-CN') || a.expert.id.localeCompare(b.expert.id));
  return { offered, excluded };
}

/** Whether `expertId` may be assigned: the same rule the candidate list applies, for the write path. */
export function isExcluded<E extends ExpertCandidate>(screened: Screened<E>, expertId: string): ExclusionReason[] | null {
  return screened.excluded.find((x) => x.expert.id === expertId)?.reasons ?? null;
}
