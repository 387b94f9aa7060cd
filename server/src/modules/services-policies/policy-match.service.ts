import type { Actor } from '../../app/actor.ts';
import { inTransaction, type AppDeps } from '../../app/deps.ts';
import { errors } from '../../app/errors.ts';
import type { Db } from '../../db/client.ts';
import { conditionLabel, conditionsSchema, evaluateEligibility, policyMode, type Condition } from '../../domain/services/eligibility.ts';
import { shanghaiDate } from '../../domain/services/working-time.ts';
import { enterpriseScope } from '../enterprises/index.ts';
import { notify } from '../notifications/index.ts';
import type { Caller } from '../registry-common/index.ts';
import { awardedEnterpriseIds, awardsOfEnterprise, enterpriseFacts, enterprisesByUscc, findPolicyByCode, insertAwards, listPolicies, type PolicyRow } from './policy-match.repository.ts';

/** The last complete calendar year at `now` (Shanghai): growth conditions compare it with the year before. */
export function factsYear(now: Date): number {
  return Number(shanghaiDate(now).slice(0, 4)) - 1;
}

function conditionsOf(policy: PolicyRow): Condition[] {
  return conditionsSchema.parse(policy.conditions);
}

export function presentPolicy(policy: PolicyRow) {
  const conditions = conditionsOf(policy);
  return {
    id: policy.id,
    code: policy.code,
    title: policy.title,
    clause: policy.clause,
    summary: policy.summary,
    amount: policy.amount,
    deadline: policy.deadline,
    materials: policy.materials,
    mode: policyMode(conditions),
    conditions: conditions.map(conditionLabel),
  };
}

/**
 * Eligible and missing enterprises of one policy, among those the actor may see (enterpriseScope): the CLI's
 * `policies eligible` output (SPEC §11) plus whether each eligible one has been awarded.
 */
export async function policyEligibility(db: Db, actor: Actor, code: string, now: Date) {
  const policy = await findPolicyByCode(db, code);
  if (!policy) throw errors.notFound('政策', 'policy');
  const conditions = conditionsOf(policy);
  const all = await enterpriseFacts(db, enterpriseScope(actor), factsYear(now));
  const awarded = await awardedEnterpriseIds(db, policy.id);
  const eligible: { uscc: string; name: string; awarded: boolean }[] = [];
  const missing: { uscc: string; name: string; lacks: string[] }[] = [];
  for (const e of all) {
    const result = evaluateEligibility(e.facts, conditions);
    if (result.eligible) eligible.push({ uscc: e.uscc, name: e.name, awarded: awarded.has(e.id) });
    else missing.push({ uscc: e.uscc, name: e.name, lacks: result.lacks });
  }
  return { policy: policy.code, mode: policyMode(conditions), eligible, missing };
}

export function createPolicyMatchService(deps: AppDeps) {
  return {
    async list() {
      return { items: (await listPolicies(deps.database.db)).map(presentPolicy) };
    },

    eligibility(actor: Actor, code: string) {
      return policyEligibility(deps.database.db, actor, code, deps.clock());
    },

    /** An enterprise's view: every policy, whether it qualifies, has been awarded, and what it lacks. */
    async mine(actor: Actor) {
      if (actor.role !== 'enterprise' || actor.scope?.kind !== 'enterprise') return { items: [] };
      const db = deps.database.db;
      const [facts] = await enterpriseFacts(db, enterpriseScope(actor), factsYear(deps.clock()));
      if (!facts) return { items: [] };
      const awarded = await awardsOfEnterprise(db, facts.id);
      return {
        items: (await listPolicies(db)).map((p) => {
          const conditions = conditionsOf(p);
          const result = evaluateEligibility(facts.facts, conditions);
          return { code: p.code, title: p.title, mode: policyMode(conditions), eligible: result.eligible, awarded: awarded.has(p.id), lacks: result.lacks };
        }),
      };
    },

    /**
     * 免申即享: the commission confirms the awards of a list of eligible enterprises — no application. Each
     * enterprise is re-checked against the rules at confirmation time; one that no longer qualifies, or an
     * `apply` policy, is skipped with the reason. Already-awarded enterprises are skipped, not duplicated.
     */
    async confirmAwards(caller: Caller, code: string, usccs: readonly string[]) {
      const db = deps.database.db;
      const view = await policyEligibility(db, caller.actor, code, deps.clock());
      const policy = (await findPolicyByCode(db, code))!;
      const skipped: { uscc: string; reason: string }[] = [];
      const wanted = [...new Set(usccs)];
      if (view.mode !== 'auto') return { confirmed: 0, skipped: wanted.map((uscc) => ({ uscc, reason: 'apply-mode' })) };
      const eligible = new Map(view.eligible.map((e) => [e.uscc, e]));
      const ok: string[] = [];
      for (const uscc of wanted) {
        const e = eligible.get(uscc);
        if (!e) skipped.push({ uscc, reason: 'not-eligible' });
        else if (e.awarded) skipped.push({ uscc, reason: 'already-awarded' });
        else ok.push(uscc);
      }
      let awardedIds: string[] = [];
      const confirmed = await inTransaction(deps, async (tx) => {
        const ids = await enterprisesByUscc(tx, ok);
        awardedIds = ids.map((e) => e.id);
        const now = deps.clock();
        const n = await insertAwards(tx, ids.map((e) => ({ policyId: policy.id, enterpriseId: e.id, amount: policy.amount, confirmedBy: caller.audit.userId, confirmedAt: now })));
        await deps.audit.inTransaction(tx, caller.audit, caller.origin, {
          action: 'policy-award.confirm',
          objectType: 'service-policy',
          objectId: policy.id,
          after: { policy: policy.code, usccs: ok, amount: policy.amount },
          details: { skipped },
        });
        return n;
      });
      // 免申即享 is pushed, not applied for: each awarded enterprise learns of it in its inbox.
      for (const enterpriseId of awardedIds) {
        await notify(
          { database: deps.database, config: deps.config, now: deps.clock },
          {
            kind: 'policy.eligible',
            object: { kind: 'service-policy', id: `${policy.id}:${enterpriseId}` },
            recipients: { roles: ['enterprise'], scope: { kind: 'enterprise', id: enterpriseId } },
            titleZh: `惠企政策免申即享:${policy.title}`,
            titleEn: `Support awarded without application: ${policy.title}`,
            bodyZh: `贵企业符合“${policy.title}”的全部条件,区经委已确认兑现${policy.amount ? ` ${policy.amount} 万元` : ''},无需申请。`,
            bodyEn: `Your enterprise meets every condition of "${policy.title}"; the commission has confirmed the award${policy.amount ? ` of ${policy.amount} (10k CNY)` : ''}. No application is needed.`,
            link: '/services?tab=policies',
          },
        );
      }
      return { confirmed, skipped };
    },
  };
}
