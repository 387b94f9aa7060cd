import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { Role } from '../../../contracts/roles.ts';
import type { MatrixFixtures, MatrixRow } from './access-matrix.data.ts';

/**
 * Matrix rows of the chain map (issue 13). The fixture maps the matrix's three enterprises (two in the medicine
 * port, one in the innovation city) onto the registries' biomedicine node: each reader must count and list
 * exactly the ones its enterprise scope holds — a park its zone's two, the others all three.
 */
export interface ChainMapMatrixFixtures {
  nodeId: string;
  /** Names of the mapped enterprises each allowed role may see. */
  visibleNames: (role: Role) => string[];
}

const READERS = ['leader', 'commission', 'department', 'park'] as const;

const sorted = (names: Iterable<string>) => [...names].sort();

async function namesInWorkbook(body: Buffer): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as never);
  const names: string[] = [];
  for (const sheet of ['龙头企业', '配套企业']) wb.getWorksheet(sheet)!.eachRow((row, i) => i > 1 && names.push(String(row.getCell(3).value)));
  return names;
}

export const CHAIN_MAP_MATRIX_ROWS: MatrixRow[] = [
  {
    route: 'GET /api/chain-map',
    allowed: READERS,
    request: async (fx) => ((await fx.chainMap()), {}),
    check: async (fx: MatrixFixtures, role: Role, r: LightMyRequestResponse) => {
      expect(r.statusCode, r.body).toBe(200);
      const c = await fx.chainMap();
      const node = (r.json().gaps as { id: string; enterprises: number }[]).find((n) => n.id === c.nodeId)!;
      expect(node.enterprises).toBe(c.visibleNames(role).length);
    },
  },
  {
    route: 'GET /api/chain-map/nodes/:id',
    allowed: READERS,
    request: async (fx) => ({ url: `/api/chain-map/nodes/${(await fx.chainMap()).nodeId}` }),
    check: async (fx, role, r) => {
      expect(r.statusCode, r.body).toBe(200);
      const body = r.json() as { leading: { name: string }[]; suppliers: { name: string }[] };
      expect(sorted([...body.leading, ...body.suppliers].map((m) => m.name))).toEqual(sorted((await fx.chainMap()).visibleNames(role)));
    },
  },
  {
    route: 'PUT /api/chain-map/nodes/:id/importance',
    allowed: ['commission'],
    request: async (fx) => ({ url: `/api/chain-map/nodes/${(await fx.chainMap()).nodeId}/importance`, payload: { importance: 0.7, version: 0 } }),
  },
  {
    route: 'GET /api/chain-map/export',
    allowed: READERS,
    request: async (fx) => ((await fx.chainMap()), { url: '/api/chain-map/export?domain=biomedicine' }),
    check: async (fx, role, r) => {
      expect(r.statusCode, r.body).toBe(200);
      expect(sorted(await namesInWorkbook(r.rawPayload))).toEqual(sorted((await fx.chainMap()).visibleNames(role)));
    },
  },
];
