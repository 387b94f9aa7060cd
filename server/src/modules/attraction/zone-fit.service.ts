import { sql } from 'drizzle-orm';
import type { SpaceNeeds, ZoneFitView } from '../../../../contracts/attraction.ts';
import { inTransaction, type AppDeps } from '../../app/deps.ts';
import type { Db } from '../../db/client.ts';
import { rowsOf } from '../../db/rows.ts';
import { carrierVacancy, checkZoneFit, type CarrierVacancy } from '../../domain/attraction/zone-fit.ts';
import { zoneByCode } from '../../seed/reference/index.ts';
import { scopeOf } from '../../access/index.ts';
import { notFoundProject, projectAccess } from '../projects/index.ts';
import { recordChange, staleVersion, todayIso, type Caller } from '../registry-common/index.ts';

/**
 * Zone fit and carrier capacity of a project (issue 13 §3): its space needs against its zone's designated
 * domains, facilities and the carriers' vacancy today. Read wherever the project may be read; shown on the
 * project page and in the signing dialog as a warning — it never blocks a stage change.
 */

/** Vacancy of every live carrier of a zone today: leasable (else total) area minus current occupants' area. */
export async function zoneVacancies(db: Db, zoneId: string, today: string): Promise<CarrierVacancy[]> {
  const rows = await rowsOf<Record<string, unknown>>(
    db,
    sql`SELECT c.code, c.name_zh, c.leasable_area_m2, c.total_area_m2,
               coalesce((SELECT sum(o.leased_area_m2) FROM carrier_occupants o
                          WHERE o.carrier_id = c.id AND o.move_in_on <= ${today} AND (o.move_out_on IS NULL OR o.move_out_on > ${today})), 0) AS leased
          FROM carriers c WHERE c.deleted_at IS NULL AND c.zone_id = ${zoneId} ORDER BY c.code`,
  );
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return rows.map((r) => ({ code: String(r.code), name: String(r.name_zh), vacantAreaM2: carrierVacancy(num(r.leasable_area_m2), num(r.total_area_m2), Number(r.leased)) }));
}

export async function zoneVacantArea(db: Db, zoneId: string, today: string): Promise<number> {
  return (await zoneVacancies(db, zoneId, today)).reduce((s, c) => s + c.vacantAreaM2, 0);
}

async function projectFacts(db: Db, projectId: string) {
  const [row] = await rowsOf<Record<string, unknown>>(
    db,
    sql`SELECT p.id, z.id AS zone_id, z.code AS zone_code, z.name_zh AS zone_name, d.code AS domain_code, d.name_zh AS domain_name,
               s.area_m2, s.needs_gmp, s.needs_hazardous, s.needs_lab_exhaust, s.version
          FROM projects p LEFT JOIN zones z ON z.id = p.zone_id LEFT JOIN domains d ON d.id = p.domain_id
          LEFT JOIN project_space_needs s ON s.project_id = p.id
         WHERE p.id = ${projectId}`,
  );
  return row;
}

export async function computeZoneFit(db: Db, caller: Caller, projectId: string, now: Date): Promise<ZoneFitView> {
  if (!(await projectAccess.allows(db, caller.actor, 'read', projectId))) throw notFoundProject();
  const row = (await projectFacts(db, projectId))!;
  const needs: SpaceNeeds | null =
    row.version === null || row.version === undefined
      ? null
      : { areaM2: row.area_m2 === null ? null : Number(row.area_m2), gmp: Boolean(row.needs_gmp), hazardous: Boolean(row.needs_hazardous), labExhaust: Boolean(row.needs_lab_exhaust) };
  const zoneCode = (row.zone_code as string | null) ?? null;
  const carriers = row.zone_id ? await zoneVacancies(db, String(row.zone_id), todayIso(now)) : [];
  const zone = zoneCode ? { code: zoneCode, domainCodes: zoneByCode.get(zoneCode)?.domainCodes ?? [] } : null;
  const result = checkZoneFit({ domain: (row.domain_code as string | null) ?? null, needs, zone, carriers });
  const area = needs?.areaM2 ?? 0;
  return {
    projectId,
    zone: zoneCode ? { code: zoneCode, name: String(row.zone_name) } : null,
    domain: row.domain_code ? { code: String(row.domain_code), name: String(row.domain_name) } : null,
    needs,
    ok: result.ok,
    issues: result.issues,
    vacantAreaM2: result.vacantAreaM2,
    largestVacancyM2: result.largestVacancyM2,
    carriers: carriers.map((c) => ({ ...c, fits: c.vacantAreaM2 > 0 && c.vacantAreaM2 >= area })),
    version: row.version === null || row.version === undefined ? 0 : Number(row.version),
  };
}

/**
 * Who states a project's space needs: whoever may change the project (commission, its department), and the park
 * committee of the project's zone, which knows the sites.
 */
async function canSetNeeds(db: Db, caller: Caller, projectId: string): Promise<boolean> {
  if (await projectAccess.allows(db, caller.actor, 'write', projectId)) return true;
  const scope = scopeOf(caller.actor);
  return scope.kind === 'zone' && (await projectAccess.allows(db, caller.actor, 'read', projectId));
}

export async function setSpaceNeeds(deps: AppDeps, caller: Caller, projectId: string, input: SpaceNeeds & { version: number }, now: Date): Promise<ZoneFitView> {
  await inTransaction(deps, async (tx) => {
    if (!(await projectAccess.allows(tx, caller.actor, 'read', projectId))) throw notFoundProject();
    if (!(await canSetNeeds(tx, caller, projectId))) throw notFoundProject();
    await writeSpaceNeeds(tx, projectId, input, input.version, now);
    await recordChange(tx, deps.audit, caller, { objectType: 'project', objectId: projectId, action: 'attraction.space-needs-update', before: null, after: { ...input } }, now);
  });
  return computeZoneFit(deps.database.db, caller, projectId, now);
}

/** Inserts (version 0 → 1) or updates (version as read) the needs; 409 on a stale version. */
export async function writeSpaceNeeds(tx: Db, projectId: string, needs: SpaceNeeds, version: number, now: Date): Promise<void> {
  const [stored] = await rowsOf<{ version: number }>(tx, sql`SELECT version FROM project_space_needs WHERE project_id = ${projectId}`);
  const current = stored ? Number(stored.version) : 0;
  if (current !== version) throw staleVersion(current);
  if (!stored) {
    await tx.execute(sql`INSERT INTO project_space_needs (project_id, area_m2, needs_gmp, needs_hazardous, needs_lab_exhaust, updated_at)
                         VALUES (${projectId}, ${needs.areaM2}, ${needs.gmp}, ${needs.hazardous}, ${needs.labExhaust}, ${now})`);
  } else {
    await tx.execute(sql`UPDATE project_space_needs SET area_m2 = ${needs.areaM2}, needs_gmp = ${needs.gmp}, needs_hazardous = ${needs.hazardous},
                                needs_lab_exhaust = ${needs.labExhaust}, version = version + 1, updated_at = ${now} WHERE project_id = ${projectId}`);
  }
}
