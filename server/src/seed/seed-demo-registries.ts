import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import {
  candidateCompanies,
  carrierOccupants,
  carriers,
  chainNodesTable,
  departments,
  domains,
  enterpriseChainNodes,
  expertConflicts,
  experts,
  platforms,
  projectChainNodes,
  projectFollowUps,
  projects,
  projectStageEvents,
  projectStages,
  zones,
} from '../db/schema/index.ts';
import type { DemoDataset } from '../domain/demo/types.ts';
import { sealPersonalColumns } from '../modules/crypto/personal-fields.ts';
import { EXPERT_PERSONAL } from '../modules/experts/expert.service.ts';
import { referenceData } from './reference/index.ts';

const chunks = <T>(rows: readonly T[], size = 500): T[][] => Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));

async function idsByCode(tx: Db) {
  const map = async (rows: Promise<{ id: string; code: string }[]>) => new Map((await rows).map((r) => [r.code, r.id]));
  return {
    domains: await map(tx.select({ id: domains.id, code: domains.code }).from(domains)),
    zones: await map(tx.select({ id: zones.id, code: zones.code }).from(zones)),
    departments: await map(tx.select({ id: departments.id, code: departments.code }).from(departments)),
    carriers: await map(tx.select({ id: carriers.id, code: carriers.code }).from(carriers)),
    nodes: await map(tx.select({ id: chainNodesTable.id, code: chainNodesTable.code }).from(chainNodesTable)),
  };
}

/**
 * The registries part of the demo (演示数据, SPEC §10): chain mappings of the enterprises, the project pipeline
 * with stage histories (some overdue) and follow-ups, carrier occupancy, platforms, experts with declared
 * conflicts, and the candidate pool for chain-based attraction. Idempotent: rows whose codes exist are kept.
 * `enterpriseIds` maps the generator's demo ids to database ids.
 */
export async function seedDemoRegistries(
  tx: Db,
  dataset: DemoDataset,
  enterpriseIds: ReadonlyMap<string, string>,
  progress: (step: string, done: number, total: number) => void = () => {},
): Promise<void> {
  const ref = await idsByCode(tx);
  const enterprise = (demoId: string | null) => (demoId ? (enterpriseIds.get(demoId) ?? null) : null);

  // Enterprises onto chain nodes (the first node is the main one).
  const mappings = dataset.enterprises.flatMap((e) =>
    e.chainNodeCodes
      .map((code, i) => ({ enterpriseId: enterprise(e.id), nodeId: ref.nodes.get(code), isPrimary: i === 0 }))
      .filter((m): m is { enterpriseId: string; nodeId: string; isPrimary: boolean } => !!m.enterpriseId && !!m.nodeId),
  );
  for (const batch of chunks(mappings)) await tx.insert(enterpriseChainNodes).values(batch).onConflictDoNothing();

  // Projects with their seven stage dates, the events that reached them, follow-ups and chain node.
  const inserted: { id: string; code: string }[][] = [];
  for (const batch of chunks(dataset.projects)) {
    inserted.push(
      await tx
        .insert(projects)
        .values(
          batch.map((p) => ({
            code: p.id,
            name: p.name,
            investorName: p.investorName,
            investorEnterpriseId: enterprise(p.investorEnterpriseId),
            domainId: ref.domains.get(p.domainCode) ?? null,
            zoneId: ref.zones.get(p.zoneCode) ?? null,
            totalInvestment: String(p.totalInvestment),
            expectedAnnualOutput: String(p.expectedAnnualOutput),
            responsibleDepartmentId: ref.departments.get(p.responsibleDepartmentCode) ?? null,
            stage: p.stage,
            isDemo: true,
          })),
        )
        .onConflictDoNothing({ target: projects.code })
        .returning({ id: projects.id, code: projects.code }),
    );
  }
  const projectIds = new Map(inserted.flat().map((r) => [r.code, r.id]));
  const fresh = dataset.projects.filter((p) => projectIds.has(p.id));
  const stageRows = fresh.flatMap((p) => p.stages.map((s) => ({ projectId: projectIds.get(p.id)!, stage: s.stage, plannedOn: s.plannedOn, actualOn: s.actualOn })));
  for (const batch of chunks(stageRows)) await tx.insert(projectStages).values(batch);
  const events = fresh.flatMap((p) => {
    const reached = p.stages.filter((s) => s.actualOn);
    return reached.map((s, i) => ({
      projectId: projectIds.get(p.id)!,
      fromStage: i === 0 ? null : reached[i - 1]!.stage,
      toStage: s.stage,
      occurredOn: s.actualOn!,
      note: i === 0 ? '登记（演示数据）' : null,
      actorName: '演示数据',
    }));
  });
  for (const batch of chunks(events)) await tx.insert(projectStageEvents).values(batch);
  const followUps = fresh.flatMap((p) =>
    p.followUps.map((f) => ({
      projectId: projectIds.get(p.id)!,
      occurredOn: f.date,
      kind: f.kind,
      note: f.note,
      nextStep: f.nextStep,
      departmentId: ref.departments.get(f.departmentCode) ?? null,
      staffName: f.staffName,
    })),
  );
  for (const batch of chunks(followUps)) await tx.insert(projectFollowUps).values(batch);
  const projectNodes = fresh.map((p) => ({ projectId: projectIds.get(p.id)!, nodeId: ref.nodes.get(p.chainNodeCode) })).filter((m): m is { projectId: string; nodeId: string } => !!m.nodeId);
  for (const batch of chunks(projectNodes)) await tx.insert(projectChainNodes).values(batch).onConflictDoNothing();
  progress('projects', fresh.length, dataset.projects.length);

  // Carrier occupancy: leasable area and occupants (only for carriers without occupants yet).
  for (const c of dataset.carriers) {
    const carrierId = ref.carriers.get(c.carrierCode);
    if (!carrierId) continue;
    const [{ n } = { n: 0 }] = await tx.select({ n: sql<number>`count(*)::int` }).from(carrierOccupants).where(eq(carrierOccupants.carrierId, carrierId));
    const opened = referenceData.carriers.find((r) => r.code === c.carrierCode)?.openedOn ?? null;
    await tx.update(carriers).set({ leasableAreaM2: String(c.leasableAreaM2), openedOn: opened }).where(eq(carriers.id, carrierId));
    if (n > 0) continue;
    const occupants = c.occupants
      .map((o) => ({ carrierId, enterpriseId: enterprise(o.enterpriseId), moveInOn: o.moveInOn, moveOutOn: o.moveOutOn, leasedAreaM2: String(o.leasedAreaM2) }))
      .filter((o): o is typeof o & { enterpriseId: string } => o.enterpriseId !== null);
    for (const batch of chunks(occupants)) await tx.insert(carrierOccupants).values(batch);
  }

  // Platforms, experts (with conflicts) and the candidate pool.
  if (dataset.platforms.length) {
    await tx
      .insert(platforms)
      .values(
        dataset.platforms.map((p) => ({
          code: p.code.replace(/^(cro|cdmo|cmo)-platform-demo-ent-/, '$1-platform-'),
          name: p.nameZh,
          kind: p.kind,
          zoneId: p.zoneCode ? (ref.zones.get(p.zoneCode) ?? null) : null,
          carrierId: p.carrierCode ? (ref.carriers.get(p.carrierCode) ?? null) : null,
          operatorEnterpriseId: enterprise(p.operatorEnterpriseId),
          namedInPolicy: p.namedInPolicy,
          services: p.servicesZh,
          isDemo: true,
        })),
      )
      .onConflictDoNothing({ target: platforms.code });
  }
  const expertRows: { id: string; code: string }[][] = [];
  for (const batch of chunks(dataset.experts)) {
    expertRows.push(
      await tx
        .insert(experts)
        .values(
          batch.map((e) => {
            // Sealed bound to an id chosen here, as insertExpert does (personal-fields.ts).
            const id = randomUUID();
            return {
            id,
            code: expertRegistryCode(e.id),
            name: e.name,
            title: e.titleZh,
            affiliation: e.affiliationZh,
            domainCodes: e.domainCodes,
            fields: e.subfieldCodes.map((code) => referenceData.domains.flatMap((d) => d.subfields).find((s) => s.code === code)?.nameZh ?? code),
            isCommitteeMember: e.isCommitteeMember,
            ...sealPersonalColumns(id, { phone: e.phone }, EXPERT_PERSONAL),
            isDemo: true,
            };
          }),
        )
        .onConflictDoNothing({ target: experts.code })
        .returning({ id: experts.id, code: experts.code }),
    );
  }
  const expertIds = new Map(expertRows.flat().map((r) => [r.code, r.id]));
  const conflicts = dataset.experts.flatMap((e) =>
    e.declaredConflicts
      .map((c) => ({ expertId: expertIds.get(expertRegistryCode(e.id)), enterpriseId: enterprise(c.enterpriseId), relation: c.relationZh }))
      .filter((c): c is { expertId: string; enterpriseId: string; relation: string } => !!c.expertId && !!c.enterpriseId),
  );
  for (const batch of chunks(conflicts)) await tx.insert(expertConflicts).values(batch).onConflictDoNothing();
  const candidates = dataset.candidatePool.map((c) => ({
    code: c.id,
    name: c.name,
    domainId: ref.domains.get(c.domainCode) ?? null,
    nodeId: ref.nodes.get(c.chainNodeCode) ?? null,
    sizeTier: c.sizeTier,
    annualRevenue: String(c.annualRevenue),
    employees: c.employees,
    city: c.city,
    province: c.province,
    isListed: c.isListed,
    isDemo: true,
  }));
  for (const batch of chunks(candidates)) await tx.insert(candidateCompanies).values(batch).onConflictDoNothing({ target: candidateCompanies.code });
  progress('registries', 1, 1);
}

/** The registry code of a demo expert (demo-exp-0001 → ZJ-0001), also how the demo expert account finds its record. */
export function expertRegistryCode(demoId: string): string {
  return demoId.replace(/^demo-exp-/, 'ZJ-');
}
