import { and, eq, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { dealInputSchema, dealUpdateSchema } from '../../../../contracts/tech-transfer.ts';
import type { Actor } from '../../app/actor.ts';
import { inTransaction, type AppDeps } from '../../app/deps.ts';
import { errors } from '../../app/errors.ts';
import type { Db } from '../../db/client.ts';
import { enterprises, techDeals, techListings } from '../../db/schema/index.ts';
import { staleVersion, type Caller } from '../registry-common/index.ts';
import { findProjectByCode, projectsForDeals } from './evaluation.repository.ts';
import { dealsOf, findListing } from './listing.repository.ts';
import { dealAccess, listingAccess } from './techtransfer.policy.ts';
import { presentDeal } from './techtransfer.presenter.ts';

const notFoundDeal = () => errors.notFound('转化交易', 'deal');
type DealFields = Omit<z.infer<typeof dealUpdateSchema>, 'version'>;
const auditView = (r: typeof techDeals.$inferSelect) => ({ listingId: r.listingId, enterpriseId: r.enterpriseId, kind: r.kind, status: r.status, amount: r.amount, financingAmount: r.financingAmount, financingSource: r.financingSource, signedOn: r.signedOn, projectId: r.projectId });

async function values(tx: Db, actor: Actor, body: DealFields) {
  // a signed deal carries its signing date (the path-to-output view and the statistics date it by it)
  if (body.status === 'signed' && !body.signedOn) throw errors.validation([{ path: 'body.signedOn', rule: 'required', message: '已签约的交易请填写签约日期', messageEn: 'A signed deal needs its signing date' }]);
  let projectId: string | null = null;
  if (body.projectCode) {
    // the project is linked through the projects registry's own scope: only a project the recorder may see
    const project = await findProjectByCode(tx, actor, body.projectCode);
    if (!project) throw errors.validation([{ path: 'body.projectCode', rule: 'reference', message: '项目不存在或无权关联', messageEn: 'No such project in your scope' }]);
    projectId = project.id;
  }
  return {
    kind: body.kind,
    status: body.status,
    amount: body.amount ?? null,
    financingAmount: body.financingAmount ?? null,
    financingSource: body.financingSource ?? null,
    signedOn: body.signedOn ?? null,
    projectId,
    note: body.note ?? null,
  };
}

/** A signed outright transfer takes the listing off the market (on recording the deal or on signing it later). */
async function markTransferred(tx: Db, deal: typeof techDeals.$inferSelect, listing: { id: string; status: string; version: number }, now: Date) {
  if (deal.status !== 'signed' || deal.kind !== 'transfer' || listing.status !== 'active') return;
  await tx.update(techListings).set({ status: 'transferred', updatedAt: now, version: listing.version + 1 }).where(eq(techListings.id, listing.id));
}

/** Deals and financing on a listing, tracked to the enterprise and the investment project they create. */
export function createDealService(deps: AppDeps) {
  const db = () => deps.database.db;
  async function view(actor: Actor, id: string) {
    const rows = await dealsOf(db(), and(dealAccess.predicate(actor, 'read'), eq(techDeals.id, id))!);
    if (!rows.length) throw notFoundDeal();
    const projects = await projectsForDeals(db(), actor, [rows[0]!.row.projectId]);
    return presentDeal(rows[0]!, rows[0]!.row.projectId ? (projects.get(rows[0]!.row.projectId) ?? null) : null);
  }
  return {
    async list(actor: Actor) {
      const rows = await dealsOf(db(), dealAccess.predicate(actor, 'read'));
      const projects = await projectsForDeals(db(), actor, rows.map((r) => r.row.projectId));
      return { items: rows.map((r) => presentDeal(r, r.row.projectId ? (projects.get(r.row.projectId) ?? null) : null)) };
    },

    async create(caller: Caller, body: z.infer<typeof dealInputSchema>) {
      const id = await inTransaction(deps, async (tx) => {
        const listing = await findListing(tx, listingAccess.predicate(caller.actor, 'write'), body.listingId);
        if (!listing) throw errors.notFound('科技成果', 'listing');
        const [enterprise] = await tx.select({ id: enterprises.id }).from(enterprises).where(and(eq(enterprises.uscc, body.enterpriseUscc), isNull(enterprises.deletedAt)));
        if (!enterprise) throw errors.validation([{ path: 'body.enterpriseUscc', rule: 'reference', message: '该统一社会信用代码的企业未登记', messageEn: 'No registered enterprise has this credit code' }]);
        const now = deps.clock();
        const [row] = await tx.insert(techDeals).values({ listingId: listing.id, enterpriseId: enterprise.id, ...(await values(tx, caller.actor, body)), createdAt: now, updatedAt: now }).returning();
        await markTransferred(tx, row!, listing, now);
        await deps.audit.inTransaction(tx, caller.audit, caller.origin, { action: 'tech-deal.create', objectType: 'tech-deal', objectId: row!.id, before: null, after: auditView(row!) });
        return row!.id;
      });
      return view(caller.actor, id);
    },

    async update(caller: Caller, id: string, body: z.infer<typeof dealUpdateSchema>) {
      await inTransaction(deps, async (tx) => {
        const [before] = await tx.select().from(techDeals).where(and(dealAccess.predicate(caller.actor, 'write'), eq(techDeals.id, id))).for('update');
        if (!before) throw notFoundDeal();
        if (before.version !== body.version) throw staleVersion(before.version);
        const fields = await values(tx, caller.actor, body);
        // A body without projectCode keeps the link: a platform account cannot see the project the commission
        // linked (projects registry scope), and its edit form must not unlink it by leaving the field out.
        if (body.projectCode === undefined) fields.projectId = before.projectId;
        const now = deps.clock();
        const [row] = await tx.update(techDeals).set({ ...fields, version: before.version + 1, updatedAt: now }).where(eq(techDeals.id, id)).returning();
        const listing = await findListing(tx, sql`true`, before.listingId, true);
        if (listing) await markTransferred(tx, row!, listing, now);
        await deps.audit.inTransaction(tx, caller.audit, caller.origin, { action: 'tech-deal.update', objectType: 'tech-deal', objectId: id, before: auditView(before), after: auditView(row!) });
      });
      return view(caller.actor, id);
    },
  };
}
