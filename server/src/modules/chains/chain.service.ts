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
import {
  countMembersPerNode,
  findLiveNode,
  findTemplate,
  insertNode,
  listLiveNodes,
  listTemplates,
  nodeMembers,
  renameTemplate,
  softDeleteNode,
  updateNodeRow,
  type MemberCounts,
  type NodeRow,
} from './chain.repository.ts';

const notFound = () => errors.notFound('产业链节点', 'chain node');
const forbidden = () => new AppError(403, 'OUT_OF_SCOPE', '产业链由区经委维护', 'Chains are maintained by the commission');

function nodeAudit(n: NodeRow) {
  return { nameZh: n.nameZh, nameEn: n.nameEn, stage: n.stage, kind: n.kind, sortOrder: n.sortOrder };
}

const nodeView = (n: NodeRow, c: MemberCounts) => ({
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

export function createChainService(deps: AppDeps) {
  const db = () => deps.database.db;

  async function list(caller: Caller, dbx: Db = db()): Promise<{ items: ChainTemplateView[] }> {
    if (!canReadChains(caller.actor)) return { items: [] };
    const templates = await listTemplates(dbx);
    const nodes = await listLiveNodes(dbx);
    const c = await countMembersPerNode(dbx, caller.actor);
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

  return {
    list,
    async members(caller: Caller, id: string) {
      const node = canReadChains(caller.actor) ? await findLiveNode(db(), id) : undefined;
      if (!node) throw notFound();
      const m = await nodeMembers(db(), caller.actor, id);
      return { node: nodeView(node, { enterprises: new Map([[id, m.enterprises.length]]), projects: new Map([[id, m.projects.length]]) }), enterprises: m.enterprises, projects: m.projects };
    },
    async updateTemplate(caller: Caller, id: string, body: z.infer<typeof chainTemplateUpdateSchema>) {
      if (!canEditChains(caller.actor)) throw forbidden();
      return inTransaction(deps, async (tx) => {
        const before = await findTemplate(tx, id);
        if (!before) throw errors.notFound('产业链', 'chain');
        const after = await renameTemplate(tx, id, body, body.version, deps.clock());
        if (!after) throw staleVersion(before.version);
        await recordChange(tx, deps.audit, caller, { objectType: 'chain-template', objectId: id, action: 'chain.update', before: { nameZh: before.nameZh, nameEn: before.nameEn }, after: { nameZh: after.nameZh, nameEn: after.nameEn } }, deps.clock());
        return list(caller, tx);
      });
    },
    async addNode(caller: Caller, templateId: string, body: z.infer<typeof chainNodeInputSchema>) {
      if (!canEditChains(caller.actor)) throw forbidden();
      return inTransaction(deps, async (tx) => {
        if (!(await findTemplate(tx, templateId))) throw errors.notFound('产业链', 'chain');
        const now = deps.clock();
        const node = await insertNode(tx, templateId, body, now);
        await recordChange(tx, deps.audit, caller, { objectType: 'chain-node', objectId: node.id, action: 'chain.node-create', before: null, after: nodeAudit(node) }, now);
        return list(caller, tx);
      });
    },
    async updateNode(caller: Caller, id: string, body: z.infer<typeof chainNodeInputSchema> & { version: number }) {
      if (!canEditChains(caller.actor)) throw forbidden();
      return inTransaction(deps, async (tx) => {
        const before = await findLiveNode(tx, id);
        if (!before) throw notFound();
        const after = await updateNodeRow(tx, before, body, body.version, deps.clock());
        if (!after) throw staleVersion(before.version);
        await recordChange(tx, deps.audit, caller, { objectType: 'chain-node', objectId: id, action: 'chain.node-update', before: nodeAudit(before), after: nodeAudit(after) }, deps.clock());
        return list(caller, tx);
      });
    },
    /** Soft delete: the node leaves the template; existing mappings stay in the tables for the history. */
    async removeNode(caller: Caller, id: string) {
      if (!canEditChains(caller.actor)) throw forbidden();
      return inTransaction(deps, async (tx) => {
        if (!(await findLiveNode(tx, id))) throw notFound();
        const now = deps.clock();
        await softDeleteNode(tx, id, now);
        await recordChange(tx, deps.audit, caller, { objectType: 'chain-node', objectId: id, action: 'chain.node-delete', before: { deleted: false }, after: { deleted: true } }, now);
        return { id, deletedAt: now.toISOString() };
      });
    },
    async nodeHistory(caller: Caller, id: string) {
      if (!canReadChains(caller.actor) || !(await findLiveNode(db(), id))) throw notFound();
      return { items: await listHistory(db(), 'chain-node', id) };
    },
  };
}
