import { expect } from 'vitest';
import { testUscc } from '../../../test/fixtures.ts';
import { XLSX_MIME } from '../lib/spreadsheet.ts';
import type { MatrixFixtures, MatrixRow } from './access-matrix.data.ts';
import { ALL_BUSINESS, CARRIER_READERS, EXPERT_READERS, READERS } from './access-matrix.registry-fixtures.ts';

/**
 * Matrix rows of the registries (enterprises beyond the list, projects, carriers, platforms, experts and the
 * Excel routes). Their fixtures and the expected visibility are in access-matrix.registry-fixtures.ts.
 */
const enterprisePayload = (uscc: string, name: string) => ({ uscc, name, zone: 'medicine-port', stage: 'incubating', tags: ['specialized'] });
const projectPayload = (name: string) => ({ name, investorName: '矩阵投资方', zone: 'medicine-port', responsibleDepartment: 'kewei', totalInvestment: 1000 });

export const REGISTRY_MATRIX_ROWS: MatrixRow[] = [
  // enterprises (一企一档): read as the list; written by the commission and, in their zone, park committees
  {
    route: 'GET /api/enterprises/similar',
    allowed: READERS,
    scoped: 'enterprises',
    scopedMatch: 'subset',
    request: () => ({ url: `/api/enterprises/similar?name=${encodeURIComponent('矩阵测试丙生物材料有限公司')}` }),
  },
  { route: 'GET /api/enterprises/:id/history', allowed: READERS, objectInScope: true, request: (fx) => ({ url: `/api/enterprises/${fx.foreignEnterpriseId}/history` }) },
  { route: 'POST /api/enterprises', allowed: ['commission', 'park'], request: () => ({ payload: enterprisePayload(testUscc(), '矩阵新建生物有限公司') }) },
  {
    route: 'PUT /api/enterprises/:id',
    allowed: ['commission', 'park'],
    request: async (fx) => {
      const r = await fx.registries();
      return { url: `/api/enterprises/${r.ownEnterpriseId}`, payload: { ...enterprisePayload(r.ownEnterpriseUscc, '矩阵测试甲生物科技有限公司'), version: await r.enterpriseVersion(r.ownEnterpriseId) } };
    },
  },
  { route: 'DELETE /api/enterprises/:id', allowed: ['commission'], request: async (fx) => ({ url: `/api/enterprises/${await (await fx.registries()).newEnterprise()}` }) },
  { route: 'POST /api/enterprises/:id/restore', allowed: ['commission'], request: async (fx) => ({ url: `/api/enterprises/${await (await fx.registries()).newEnterprise(true)}/restore` }) },
  {
    route: 'POST /api/enterprises/:id/merge',
    allowed: ['commission'],
    request: async (fx) => {
      const r = await fx.registries();
      const target = await r.newEnterprise();
      return { url: `/api/enterprises/${target}/merge`, payload: { sourceId: await r.newEnterprise(), version: 1 } };
    },
  },

  // projects: leader/commission all; department its own; park its zone; enterprise those it invests in
  { route: 'GET /api/projects', allowed: READERS, scoped: 'projects' },
  { route: 'GET /api/projects/:id', allowed: READERS, objectInScope: 'projects', request: async (fx) => ({ url: `/api/projects/${(await fx.registries()).foreignProjectId}` }) },
  {
    route: 'GET /api/projects/:id/history',
    allowed: READERS,
    objectInScope: 'projects',
    request: async (fx) => ({ url: `/api/projects/${(await fx.registries()).foreignProjectId}/history` }),
  },
  { route: 'POST /api/projects', allowed: ['commission', 'department'], request: () => ({ payload: projectPayload('矩阵新建项目') }) },
  {
    route: 'PUT /api/projects/:id',
    allowed: ['commission', 'department'],
    request: async (fx) => {
      const r = await fx.registries();
      const payload = { ...projectPayload('矩阵测试甲项目'), investorUscc: r.ownEnterpriseUscc, version: await r.projectVersion(r.ownProjectId) };
      return { url: `/api/projects/${r.ownProjectId}`, payload };
    },
  },
  {
    route: 'POST /api/projects/:id/stage',
    allowed: ['commission', 'department'],
    request: async (fx) => {
      const r = await fx.registries();
      return { url: `/api/projects/${await r.newProject()}/stage`, payload: { toStage: 'negotiating', occurredOn: r.today, version: 1 } };
    },
  },
  {
    route: 'POST /api/projects/:id/follow-ups',
    allowed: ['commission', 'department'],
    request: async (fx) => {
      const r = await fx.registries();
      return { url: `/api/projects/${r.ownProjectId}/follow-ups`, payload: { occurredOn: r.today, kind: 'visit', note: '矩阵走访' } };
    },
  },
  { route: 'DELETE /api/projects/:id', allowed: ['commission'], request: async (fx) => ({ url: `/api/projects/${await (await fx.registries()).newProject()}` }) },
  { route: 'POST /api/projects/:id/restore', allowed: ['commission'], request: async (fx) => ({ url: `/api/projects/${await (await fx.registries()).newProject(true)}/restore` }) },

  // carriers: leader/commission/department all; park its zone; written by the commission and, in its zone, the park
  { route: 'GET /api/carriers', allowed: CARRIER_READERS, scoped: 'carriers' },
  { route: 'GET /api/carriers/:id', allowed: CARRIER_READERS, objectInScope: 'carriers', request: async (fx) => ({ url: `/api/carriers/${(await fx.registries()).foreignCarrierId}` }) },
  {
    route: 'GET /api/carriers/:id/history',
    allowed: CARRIER_READERS,
    objectInScope: 'carriers',
    request: async (fx) => ({ url: `/api/carriers/${(await fx.registries()).foreignCarrierId}/history` }),
  },
  { route: 'POST /api/carriers', allowed: ['commission', 'park'], request: () => ({ payload: { name: '矩阵新建载体', type: 'incubator', zone: 'medicine-port', totalArea: 1000 } }) },
  {
    route: 'PUT /api/carriers/:id',
    allowed: ['commission', 'park'],
    request: async (fx) => {
      const r = await fx.registries();
      const id = await r.newCarrier();
      return { url: `/api/carriers/${id}`, payload: { name: '矩阵载体（改）', type: 'accelerator', zone: 'medicine-port', version: 1 } };
    },
  },
  { route: 'DELETE /api/carriers/:id', allowed: ['commission'], request: async (fx) => ({ url: `/api/carriers/${await (await fx.registries()).newCarrier()}` }) },
  { route: 'POST /api/carriers/:id/restore', allowed: ['commission'], request: async (fx) => ({ url: `/api/carriers/${await (await fx.registries()).newCarrier(true)}/restore` }) },
  {
    route: 'POST /api/carriers/:id/occupants',
    allowed: ['commission', 'park'],
    request: async (fx) => {
      const r = await fx.registries();
      return { url: `/api/carriers/${r.ownCarrierId}/occupants`, payload: { enterpriseUscc: r.ownEnterpriseUscc, moveInOn: '2024-03-01', leasedArea: 200 } };
    },
  },
  {
    route: 'PUT /api/carriers/:id/occupants/:occupantId',
    allowed: ['commission', 'park'],
    request: async (fx) => {
      const r = await fx.registries();
      return { url: `/api/carriers/${r.ownCarrierId}/occupants/${await r.newOccupant()}`, payload: { moveOutOn: '2024-12-31' } };
    },
  },

  // platforms and experts: a catalogue every business role reads (the expert pool not the platform operators); the commission keeps it
  ...(['platforms', 'experts'] as const).flatMap((entity): MatrixRow[] => {
    const id = async (fx: MatrixFixtures, deleted = false) => {
      const r = await fx.registries();
      return entity === 'platforms' ? r.newPlatform(deleted) : r.newExpert(deleted);
    };
    const payload = entity === 'platforms' ? { name: '矩阵新建平台', kind: 'rd' } : { name: '矩阵新建专家', domains: ['biomedicine'] };
    const readers = entity === 'platforms' ? ALL_BUSINESS : EXPERT_READERS;
    return [
      { route: `GET /api/${entity}`, allowed: readers },
      { route: `GET /api/${entity}/:id`, allowed: readers, request: async (fx) => ({ url: `/api/${entity}/${await id(fx)}` }) },
      { route: `GET /api/${entity}/:id/history`, allowed: readers, request: async (fx) => ({ url: `/api/${entity}/${await id(fx)}/history` }) },
      { route: `POST /api/${entity}`, allowed: ['commission'], request: () => ({ payload }) },
      { route: `PUT /api/${entity}/:id`, allowed: ['commission'], request: async (fx) => ({ url: `/api/${entity}/${await id(fx)}`, payload: { ...payload, version: 1 } }) },
      { route: `DELETE /api/${entity}/:id`, allowed: ['commission'], request: async (fx) => ({ url: `/api/${entity}/${await id(fx)}` }) },
      { route: `POST /api/${entity}/:id/restore`, allowed: ['commission'], request: async (fx) => ({ url: `/api/${entity}/${await id(fx, true)}/restore` }) },
    ];
  }),
  // Personal information in the clear (issue 19): the reveal permission, then the record's own rule — an
  // expert's contacts for the commission only (others get 404, as for a record they cannot see).
  { route: 'POST /api/platforms/:id/contacts/reveal', allowed: ['commission', 'park', 'enterprise'], request: async (fx) => ({ url: `/api/platforms/${(await fx.registries()).platformId}/contacts/reveal` }) },
  {
    route: 'POST /api/experts/:id/contacts/reveal',
    allowed: ['commission', 'park', 'enterprise'],
    request: async (fx) => ({ url: `/api/experts/${(await fx.registries()).expertId}/contacts/reveal` }),
    check: (_fx, role, response) => {
      expect(response.statusCode, response.body).toBe(role === 'commission' ? 200 : 404);
      if (role === 'commission') expect(response.json()).toMatchObject({ phone: '13900000000' });
      else expect(response.body).not.toContain('13900000000');
    },
  },

  // industry chains: reference data every business role reads; the commission edits
  { route: 'GET /api/chains', allowed: ALL_BUSINESS },
  { route: 'GET /api/chains/nodes/:id', allowed: ALL_BUSINESS, request: async (fx) => ({ url: `/api/chains/nodes/${(await fx.registries()).nodeId}` }) },
  { route: 'GET /api/chains/nodes/:id/history', allowed: ALL_BUSINESS, request: async (fx) => ({ url: `/api/chains/nodes/${(await fx.registries()).nodeId}/history` }) },
  {
    route: 'PUT /api/chains/:id',
    allowed: ['commission'],
    request: async (fx) => {
      const r = await fx.registries();
      return { url: `/api/chains/${r.templateId}`, payload: { nameZh: '生物医药产业链', nameEn: 'Biomedicine value chain', version: await r.version('chainTemplates', r.templateId) } };
    },
  },
  {
    route: 'POST /api/chains/:id/nodes',
    allowed: ['commission'],
    request: async (fx) => ({ url: `/api/chains/${(await fx.registries()).templateId}/nodes`, payload: { nameZh: '矩阵新节点', nameEn: 'Matrix new node', stage: 'downstream' } }),
  },
  {
    route: 'PUT /api/chains/nodes/:id',
    allowed: ['commission'],
    request: async (fx) => {
      const r = await fx.registries();
      return { url: `/api/chains/nodes/${r.nodeId}`, payload: { nameZh: '矩阵节点', nameEn: 'Matrix node', stage: 'upstream', version: await r.version('chainNodes', r.nodeId) } };
    },
  },
  { route: 'DELETE /api/chains/nodes/:id', allowed: ['commission'], request: async (fx) => ({ url: `/api/chains/nodes/${await (await fx.registries()).newNode()}` }) },

  // Excel: templates and imports for those who may import; exports for every reader, scoped like the lists
  ...(
    [
      ['enterprises', ['commission', 'park']],
      ['projects', ['commission', 'department']],
      ['carriers', ['commission', 'park']],
      ['platforms', ['commission']],
      ['experts', ['commission']],
      ['candidates', ['commission']],
    ] as const
  ).flatMap(([entity, importers]): MatrixRow[] => [
    { route: `GET /api/${entity}/template`, allowed: importers },
    {
      route: `POST /api/${entity}/import`,
      allowed: importers,
      request: async (fx) => ({ payload: await (await fx.registries()).workbook(entity), headers: { 'content-type': XLSX_MIME } }),
    },
    {
      route: `GET /api/${entity}/import-reports/:id`,
      allowed: importers,
      request: async (fx, role) => ({ url: `/api/${entity}/import-reports/${await (await fx.registries()).importReport(role, entity)}` }),
    },
  ]),
  { route: 'GET /api/projects/export', allowed: READERS, scoped: 'projects' },
  { route: 'GET /api/carriers/export', allowed: CARRIER_READERS, scoped: 'carriers' },
  { route: 'GET /api/platforms/export', allowed: ALL_BUSINESS },
  { route: 'GET /api/experts/export', allowed: ['leader', 'commission'] },
  { route: 'GET /api/candidates/export', allowed: ['leader', 'commission', 'department', 'park'] },
];
