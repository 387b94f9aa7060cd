import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { Role } from '../../../contracts/roles.ts';
import type { TestApp } from '../../../test/test-app.ts';
import { carrierOccupants, enterprises } from '../db/schema/index.ts';
import type { MatrixFixtures, MatrixRow } from './access-matrix.data.ts';

/**
 * Matrix rows of the carrier ladder (issue 13 §4). The fixture puts the matrix's own enterprise (medicine
 * port) into the port's accelerator and the foreign one (innovation city) into the city's incubator: the
 * district's readers see both firms' moves, a park its zone's firm, an enterprise its own moves only.
 */
export interface CarrierLadderMatrixFixtures {
  ownTenancyId: string;
  ownCarrierId: string;
  foreignCarrierId: string;
  ownUscc: string;
  foreignUscc: string;
}

export async function buildCarrierLadderMatrixFixtures(t: TestApp, fx: MatrixFixtures): Promise<CarrierLadderMatrixFixtures> {
  const db = t.deps.database.db;
  const { ownCarrierId, foreignCarrierId } = await fx.registries();
  const usccOf = async (id: string) => (await db.select({ uscc: enterprises.uscc }).from(enterprises).where(eq(enterprises.id, id)))[0]!.uscc;
  const [own] = await db
    .insert(carrierOccupants)
    .values({ carrierId: ownCarrierId, enterpriseId: fx.ownEnterpriseId, moveInOn: '2023-03-01', leasedAreaM2: '800', leaseEndOn: '2030-02-28' })
    .returning({ id: carrierOccupants.id });
  await db.insert(carrierOccupants).values({ carrierId: foreignCarrierId, enterpriseId: fx.foreignEnterpriseId, moveInOn: '2023-04-01', moveOutOn: '2024-04-01', exitKind: 'left-district', leasedAreaM2: '300' });
  return { ownTenancyId: own!.id, ownCarrierId, foreignCarrierId, ownUscc: await usccOf(fx.ownEnterpriseId), foreignUscc: await usccOf(fx.foreignEnterpriseId) };
}

const READERS = ['leader', 'commission', 'department', 'park'] as const;

/** Which of the two fixture firms a role may see moves of. */
function expectedFirms(role: Role, f: CarrierLadderMatrixFixtures): string[] {
  if (role === 'park') return [f.ownUscc];
  if (role === 'enterprise') return [f.ownUscc];
  return [f.ownUscc, f.foreignUscc].sort();
}

const firmsIn = (usccs: Iterable<string>, f: CarrierLadderMatrixFixtures) => [...new Set([...usccs].map((u) => u.trim()).filter((u) => u === f.ownUscc || u === f.foreignUscc))].sort();

export const CARRIER_LADDER_MATRIX_ROWS: MatrixRow[] = [
  {
    route: 'GET /api/carrier-ladder/moves',
    allowed: [...READERS, 'enterprise'],
    request: async (fx) => ((await fx.carrierLadder()), {}),
    check: async (fx: MatrixFixtures, role: Role, r: LightMyRequestResponse) => {
      expect(r.statusCode, r.body).toBe(200);
      const f = await fx.carrierLadder();
      expect(firmsIn((r.json().items as { enterprise: { uscc: string } }[]).map((m) => m.enterprise.uscc), f)).toEqual(expectedFirms(role, f));
    },
  },
  {
    route: 'POST /api/carrier-ladder/moves',
    allowed: ['commission', 'park'],
    request: async (fx) => {
      const f = await fx.carrierLadder();
      return { payload: { kind: 'move-in', enterpriseUscc: f.ownUscc, toCarrierId: f.ownCarrierId, movedOn: '2024-05-01', leasedArea: 50, allowOverlap: true, overlapReason: '矩阵测试' } };
    },
  },
  {
    route: 'PUT /api/carrier-ladder/tenancies/:id/lease',
    allowed: ['commission', 'park'],
    request: async (fx) => ({ url: `/api/carrier-ladder/tenancies/${(await fx.carrierLadder()).ownTenancyId}/lease`, payload: { leaseEndOn: '2031-02-28' } }),
  },
  {
    route: 'GET /api/carrier-ladder',
    allowed: READERS,
    request: async (fx) => ((await fx.carrierLadder()), {}),
    check: async (fx, role, r) => {
      expect(r.statusCode, r.body).toBe(200);
      const f = await fx.carrierLadder();
      const ids = (r.json().carriers as { id: string }[]).map((c) => c.id);
      expect(ids).toContain(f.ownCarrierId);
      expect(ids.includes(f.foreignCarrierId)).toBe(role !== 'park');
    },
  },
  {
    route: 'GET /api/carrier-ladder/carriers/:id/vacancy',
    allowed: READERS,
    request: async (fx) => ({ url: `/api/carrier-ladder/carriers/${(await fx.carrierLadder()).foreignCarrierId}/vacancy` }),
    check: async (_fx, role, r) => {
      expect(r.statusCode, r.body).toBe(role === 'park' ? 404 : 200);
    },
  },
  {
    route: 'GET /api/carrier-ladder/export',
    allowed: READERS,
    request: async (fx) => ((await fx.carrierLadder()), { url: '/api/carrier-ladder/export?from=2023-01&to=2024-12' }),
    check: async (fx, role, r) => {
      expect(r.statusCode, r.body).toBe(200);
      const f = await fx.carrierLadder();
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(r.rawPayload as never);
      const usccs: string[] = [];
      wb.getWorksheet('迁移记录')!.eachRow((row, i) => i > 1 && usccs.push(String(row.getCell(3).value)));
      expect(firmsIn(usccs, f)).toEqual(expectedFirms(role, f));
    },
  },
];
