/**
 * Which listings a challenge (技术需求/揭榜) is pushed to (issue 14 §3): pure, no I/O. A simple rule that
 * can be explained on the page, deliberately without word segmentation:
 * - the same chain node: 3 points ("同一产业链节点");
 * - the same domain: 1 point;
 * - each challenge keyword that is one of the listing's keywords or appears in its title or summary: 1 point,
 *   at most 3.
 * A listing is pushed when it scores at least 3 (the same node; or the same domain and two shared terms; or
 * three shared terms); at most `limit` listings, best first. Withdrawn and transferred listings are not pushed.
 */
export interface MatchableListing {
  id: string;
  title: string;
  summary: string;
  keywords: readonly string[];
  domainId: string | null;
  nodeId: string | null;
  status: string;
}

export interface MatchableChallenge {
  keywords: readonly string[];
  domainId: string | null;
  nodeId: string | null;
}

export type MatchReason = { kind: 'same-node' } | { kind: 'same-domain' } | { kind: 'keyword'; detail: string };

export const PUSH_THRESHOLD = 3;
const KEYWORD_CAP = 3;

export function scoreListing(challenge: MatchableChallenge, listing: MatchableListing): { score: number; reasons: MatchReason[] } {
  const reasons: MatchReason[] = [];
  let score = 0;
  if (challenge.nodeId && challenge.nodeId === listing.nodeId) {
    score += 3;
    reasons.push({ kind: 'same-node' });
  }
  if (challenge.domainId && challenge.domainId === listing.domainId) {
    score += 1;
    reasons.push({ kind: 'same-domain' });
  }
  const text = `${listing.title} ${listing.summary}`.toLowerCase();
  const own = new Set(listing.keywords.map((k) => k.toLowerCase()));
  const shared = [...new Set(challenge.keywords.map((k) => k.trim()).filter((k) => k.length > 0))].filter((k) => own.has(k.toLowerCase()) || text.includes(k.toLowerCase()));
  for (const k of shared.slice(0, KEYWORD_CAP)) {
    score += 1;
    reasons.push({ kind: 'keyword', detail: k });
  }
  return { score, reasons };
}

export function matchChallenge<L extends MatchableListing>(challenge: MatchableChallenge, listings: readonly L[], limit = 10): { listing: L; score: number; reasons: MatchReason[] }[] {
  return listings
    .filter((l) => l.status === 'active')
    .map((listing) => ({ listing, ...scoreListing(challenge, listing) }))
    .filter((m) => m.score >= PUSH_THRESHOLD)
    .sort((a, b) => b.score - a.score || a.listing.id.localeCompare(b.listing.id))
    .slice(0, limit);
}
