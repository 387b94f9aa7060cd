import crypto from 'node:crypto';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Actor } from '../../app/actor.ts';
import type { Db } from '../../db/client.ts';
import { chainNodesTable, chainTemplatesTable, domains, enterpriseChainNodes, enterprises, projectChainNodes, projects } from '../../db/schema/index.ts';
import { enterpriseScope } from '../enterprises/index.ts';
import { projectScope } from '../projects/index.ts';

/**
 * Every query of the chain templates and nodes. What is mapped onto a node is read through enterpriseScope and
 * projectScope only; templates and nodes themselves are reference data.
 */

export type NodeRow = typeof chainNodesTable.$inferSelect;
export type TemplateRow = typeof chainTemplatesTable.$inferSelect;

/** Per node: enterprises and projects mapped onto it, counted within the actor's scopes. */
export async function countMembersPerNode(db: Db, actor: Actor) {
  const e = await db
    .select({ nodeId: enterpriseChainNodes.nodeId, n: sql<number>`count(*)::int` })
    .from(enterpriseChainNodes)
    .innerJoin(enterprises, eq(enterprises.id, enterpriseChainNodes.enterpriseId))
    .where(enterpriseScope(actor))
    .groupBy(enterpriseChainNodes.nodeId);
  const p = await db
    .select({ nodeId: projectChainNodes.nodeId, n: sql<number>`count(*)::int` })
    .from(projectChainNodes)
    .innerJoin(projects, eq(projects.id, projectChainNodes.projectId))
    .where(projectScope(actor))
    .groupBy(projectChainNodes.nodeId);
  return { enterprises: new Map(e.map((r) => [r.nodeId, r.n])), projects: new Map(p.map((r) => [r.nodeId, r.n])) };
}
export type MemberCounts = Awaited<ReturnType<typeof countMembersPerNode>>;

export function listTemplates(db: Db) {
  return db
    .select({ t: chainTemplatesTable, domainCode: domains.code, domainName: domains.nameZh })
    .from(chainTemplatesTable)
    .leftJoin(domains, eq(domains.id, chainTemplatesTable.domainId))
    .orderBy(asc(domains.sortOrder), asc(chainTemplatesTable.code));
}

export function listLiveNodes(db: Db) {
  return db.select().from(chainNodesTable).where(isNull(chainNodesTable.deletedAt)).orderBy(asc(chainNodesTable.sortOrder), asc(chainNodesTable.code));
}

export async function findLiveNode(db: Db, id: string): Promise<NodeRow | undefined> {
  const [n] = await db.select().from(chainNodesTable).where(and(eq(chainNodesTable.id, id), isNull(chainNodesTable.deletedAt)));
  return n;
}

export async function findTemplate(db: Db, id: string): Promise<TemplateRow | undefined> {
  const [t] = await db.select().from(chainTemplatesTable).where(eq(chainTemplatesTable.id, id));
  return t;
}

/** The enterprises and projects on one node that the actor may see (at most 500 of each). */
export async function nodeMembers(db: Db, actor: Actor, id: string) {
  const e = await db
    .select({ id: enterprises.id, name: enterprises.name, uscc: enterprises.uscc, isPrimary: enterpriseChainNodes.isPrimary })
    .from(enterpriseChainNodes)
    .innerJoin(enterprises, eq(enterprises.id, enterpriseChainNodes.enterpriseId))
    .where(and(enterpriseScope(actor), eq(enterpriseChainNodes.nodeId, id)))
    .orderBy(asc(enterprises.name))
    .limit(500);
  const p = await db
    .select({ id: projects.id, name: projects.name, code: projects.code, stage: projects.stage })
    .from(projectChainNodes)
    .innerJoin(projects, eq(projects.id, projectChainNodes.projectId))
    .where(and(projectScope(actor), eq(projectChainNodes.nodeId, id)))
    .orderBy(asc(projects.name))
    .limit(500);
  return { enterprises: e, projects: p };
}

/** Renames a template when the version matches; undefined when it is stale. */
export async function renameTemplate(db: Db, id: string, names: { nameZh: string; nameEn: string }, version: number, now: Date) {
  const [after] = await db
    .update(chainTemplatesTable)
    .set({ nameZh: names.nameZh, nameEn: names.nameEn, version: sql`${chainTemplatesTable.version} + 1`, updatedAt: now })
    .where(and(eq(chainTemplatesTable.id, id), eq(chainTemplatesTable.version, version)))
    .returning();
  return after;
}

export interface NodeFields {
  nameZh: string;
  nameEn: string;
  stage: string;
  kind: string;
  sortOrder?: number;
}

/** Appends a node to a template (after the last one unless a sort order is given), with a generated code. */
export async function insertNode(db: Db, templateId: string, body: NodeFields, now: Date): Promise<NodeRow> {
  const [{ max } = { max: 0 }] = await db.select({ max: sql<number>`coalesce(max(${chainNodesTable.sortOrder}), 0)::int` }).from(chainNodesTable).where(eq(chainNodesTable.templateId, templateId));
  const [node] = await db
    .insert(chainNodesTable)
    .values({ templateId, code: `node-${crypto.randomBytes(4).toString('hex')}`, nameZh: body.nameZh, nameEn: body.nameEn, stage: body.stage, kind: body.kind, sortOrder: body.sortOrder ?? max + 1, createdAt: now, updatedAt: now })
    .returning();
  return node!;
}

/** Updates a node when the version matches; undefined when it is stale. */
export async function updateNodeRow(db: Db, before: NodeRow, body: NodeFields, version: number, now: Date) {
  const [after] = await db
    .update(chainNodesTable)
    .set({ nameZh: body.nameZh, nameEn: body.nameEn, stage: body.stage, kind: body.kind, sortOrder: body.sortOrder ?? before.sortOrder, version: sql`${chainNodesTable.version} + 1`, updatedAt: now })
    .where(and(eq(chainNodesTable.id, before.id), eq(chainNodesTable.version, version)))
    .returning();
  return after;
}

export async function softDeleteNode(db: Db, id: string, now: Date): Promise<void> {
  await db.update(chainNodesTable).set({ deletedAt: now, updatedAt: now, version: sql`${chainNodesTable.version} + 1` }).where(eq(chainNodesTable.id, id));
}
