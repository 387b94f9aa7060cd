import crypto from 'node:crypto';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { chainNodeInputSchema, chainTemplateUpdateSchema } from '../../../../contracts/chains.ts';
import type { ChainTemplateView } from '../../../../contracts/chains.ts';
import { inTransaction, type AppDeps } from '../../app/deps.ts';
import { AppError, errors } from '../../app/errors.ts';
import type { Db } from '../../db/client.ts';
import { chainNodesTable, chainTemplatesTable, domains, enterpriseChainNodes, enterprises, projectChainNodes, projects } from '../../db/schema/index.ts';
import { enterpriseScope } from '../enterprises/index.ts';
import { projectScope } from '../projects/index.ts';
import type { Caller } from '../registry-common/index.ts';
import { staleVersion, listHistory, recordChange } from '../registry-common/index.ts';
import { canEditChains, canReadChains } from './chain.policy.ts';

type NodeRow = typeof chainNodesTable.$inferSelect;
const notFound = () => errors.notFound('产业链节点', 'chain node');
const forbidden = () => new AppError(403, 'OUT_OF_SCOPE', '产业链由区经委维护', 'Chains are maintained by the commission');

function nodeAudit(n: NodeRow) {
  return { nameZh: n.nameZh, nameEn: n.nameEn, stage: n.stage, kind: n.kind, sortOrder: n.sortOrder };
}

export function createChainService(deps: AppDeps) {
  const db = () => deps.database.db;

  /** Per node: enterprises and projects mapped onto it, counted within the caller's scopes. */
  async function counts(dbx: Db, caller: Caller) {
    const e = await dbx
      .select({ nodeId: enterpriseChainNodes.nodeId, n: sql<number>`count(*)::int` })
      .from(enterpriseChainNodes)
      .innerJoin(enterprises, eq(enterprises.id, enterpriseChainNodes.enterpriseId))
      .where(enterpriseScope(caller.actor))
      .groupBy(enterpriseChainNodes.nodeId);
    const p = await dbx
      .select({ nodeId: projectChainNodes.nodeId, n: sql<number>`count(*)::int` })
      .from(projectChainNodes)
      .innerJoin(projects, eq(projects.id, projectChainNodes.projectId))
      .where(projectScope(caller.actor))
      .groupBy(projectChainNodes.nodeId);
    return { enterprises: new Map(e.map((r) => [r.nodeId, r.n])), projects: new Map(p.map((r) => [r.nodeId, r.n])) };
  }

  const nodeView = (n: NodeRow, c: Awaited<ReturnType<typeof counts>>) => ({
    id: n.id,
    code: n.code,
    nameZh: n.nameZh,
    nameEn: n.nameEn,
    stage: n.stage as 'upstream',
    kind: n.kind as 'mixed',
    sortOrder: n.sortOrder,
    enterpriseCount: c.enterprises.get(n.id) ?? 0,
    projectCount: c.projects.get(n.id) ?? 0,
    version: n.version,
  });

  async function list(caller: Caller, dbx: Db = db()): Promise<{ items: ChainTemplateView[] }> {
    if (!canReadChains(caller.actor)) return { items: [] };
    const templates = await dbx
      .select({ t: chainTemplatesTable, domainCode: domains.code, domainName: domains.nameZh })
      .from(chainTemplatesTable)
      .leftJoin(domains, eq(domains.id, chainTemplatesTable.domainId))
      .orderBy(asc(domains.sortOrder), asc(chainTemplatesTable.code));
    const nodes = await dbx.select().from(chainNodesTable).where(isNull(chainNodesTable.deletedAt)).orderBy(asc(chainNodesTable.sortOrder), asc(chainNodesTable.code));
    const c = await counts(dbx, caller);
    return {
      items: templates.map(({ t, domainCode, domainName }) => ({
        id: t.id,
        code: t.code,
        domain: domainCode ? { code: domainCode, name: domainName ?? domainCode } : null,
        nameZh: t.nameZh,
        nameEn: t.nameEn,
        version: t.version,
        nodes: nodes.filter((n) => n.templateId === t.id).map((n) => nodeView(n, c)),
      })),
    };
  }

  async function findNode(dbx: Db, id: string) {
    const [n] = await dbx.select().from(chainNodesTable).where(and(eq(chainNodesTable.id, id), isNull(chainNodesTable.deletedAt)));
    return n;
  }

  return {
    list,
    async members(caller: Caller, id: string) {
      const node = canReadChains(caller.actor) ? await findNode(db(), id) : undefined;
      if (!node) throw notFound();
      const e = await db()
        .select({ id: enterprises.id, name: enterprises.name, uscc: enterprises.uscc, isPrimary: enterpriseChainNodes.isPrimary })
        .from(enterpriseChainNodes)
        .innerJoin(enterprises, eq(enterprises.id, enterpriseChainNodes.enterpriseId))
        .where(and(enterpriseScope(caller.actor), eq(enterpriseChainNodes.nodeId, id)))
        .orderBy(asc(enterprises.name))
        .limit(500);
      const p = await db()
        .select({ id: projects.id, name: projects.name, code: projects.code, stage: projects.stage })
        .from(projectChainNodes)
        .innerJoin(projects, eq(projects.id, projectChainNodes.projectId))
        .where(and(projectScope(caller.actor), eq(projectChainNodes.nodeId, id)))
        .orderBy(asc(projects.name))
        .limit(500);
      return { node: nodeView(node, { enterprises: new Map([[id, e.length]]), projects: new Map([[id, p.length]]) }), enterprises: e, projects: p };
    },
    async updateTemplate(caller: Caller, id: string, body: z.infer<typeof chainTemplateUpdateSchema>) {
      if (!canEditChains(caller.actor)) throw forbidden();
      return inTransaction(deps, async (tx) => {
        const [before] = await tx.select().from(chainTemplatesTable).where(eq(chainTemplatesTable.id, id));
        if (!before) throw errors.notFound('产业链', 'chain');
        const [after] = await tx
          .update(chainTemplatesTable)
          .set({ nameZh: body.nameZh, nameEn: body.nameEn, version: sql`${chainTemplatesTable.version} + 1`, updatedAt: deps.clock() })
          .where(and(eq(chainTemplatesTable.id, id), eq(chainTemplatesTable.version, body.version)))
          .returning();
        if (!after) throw staleVersion(before.version);
        await recordChange(tx, deps.audit, caller, { objectType: 'chain-template', objectId: id, action: 'chain.update', before: { nameZh: before.nameZh, nameEn: before.nameEn }, after: { nameZh: after.nameZh, nameEn: after.nameEn } }, deps.clock());
        return list(caller, tx);
      });
    },
    async addNode(caller: Caller, templateId: string, body: z.infer<typeof chainNodeInputSchema>) {
      if (!canEditChains(caller.actor)) throw forbidden();
      return inTransaction(deps, async (tx) => {
        const [template] = await tx.select().from(chainTemplatesTable).where(eq(chainTemplatesTable.id, templateId));
        if (!template) throw errors.notFound('产业链', 'chain');
        const [{ max } = { max: 0 }] = await tx.select({ max: sql<number>`coalesce(max(${chainNodesTable.sortOrder}), 0)::int` }).from(chainNodesTable).where(eq(chainNodesTable.templateId, templateId));
        const now = deps.clock();
        const [node] = await tx
          .insert(chainNodesTable)
          .values({ templateId, code: `node-${crypto.randomBytes(4).toString('hex')}`, nameZh: body.nameZh, nameEn: body.nameEn, stage: body.stage, kind: body.kind, sortOrder: body.sortOrder ?? max + 1, createdAt: now, updatedAt: now })
          .returning();
        await recordChange(tx, deps.audit, caller, { objectType: 'chain-node', objectId: node!.id, action: 'chain.node-create', before: null, after: nodeAudit(node!) }, now);
        return list(caller, tx);
      });
    },
    async updateNode(caller: Caller, id: string, body: z.infer<typeof chainNodeInputSchema> & { version: number }) {
      if (!canEditChains(caller.actor)) throw forbidden();
      return inTransaction(deps, async (tx) => {
        const before = await findNode(tx, id);
        if (!before) throw notFound();
        const [after] = await tx
          .update(chainNodesTable)
          .set({ nameZh: body.nameZh, nameEn: body.nameEn, stage: body.stage, kind: body.kind, sortOrder: body.sortOrder ?? before.sortOrder, version: sql`${chainNodesTable.version} + 1`, updatedAt: deps.clock() })
          .where(and(eq(chainNodesTable.id, id), eq(chainNodesTable.version, body.version)))
          .returning();
        if (!after) throw staleVersion(before.version);
        await recordChange(tx, deps.audit, caller, { objectType: 'chain-node', objectId: id, action: 'chain.node-update', before: nodeAudit(before), after: nodeAudit(after) }, deps.clock());
        return list(caller, tx);
      });
    },
    /** Soft delete: the node leaves the template; existing mappings stay in the tables for the history. */
    async removeNode(caller: Caller, id: string) {
      if (!canEditChains(caller.actor)) throw forbidden();
      return inTransaction(deps, async (tx) => {
        const before = await findNode(tx, id);
        if (!before) throw notFound();
        const now = deps.clock();
        await tx.update(chainNodesTable).set({ deletedAt: now, updatedAt: now, version: sql`${chainNodesTable.version} + 1` }).where(eq(chainNodesTable.id, id));
        await recordChange(tx, deps.audit, caller, { objectType: 'chain-node', objectId: id, action: 'chain.node-delete', before: { deleted: false }, after: { deleted: true } }, now);
        return { id, deletedAt: now.toISOString() };
      });
    },
    async nodeHistory(caller: Caller, id: string) {
      if (!canReadChains(caller.actor) || !(await findNode(db(), id))) throw notFound();
      return { items: await listHistory(db(), 'chain-node', id) };
    },
  };
}
