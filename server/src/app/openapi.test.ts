import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { buildOpenApiDocument } from './openapi.ts';

const COMMITTED = fileURLToPath(new URL('../../../docs/openapi.json', import.meta.url));

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('OpenAPI document', () => {
  it('is served at /api/docs outside production and lists every route with its access', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect(r.statusCode).toBe(200);
    const doc = r.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/api/auth/login'].post.requestBody).toBeDefined();
    expect(doc.paths['/api/enterprises/{id}'].get.description).toContain('enterprise.read');
  });

  it('matches the committed docs/openapi.json (run `npm run openapi` after changing a contract)', () => {
    const generated = JSON.stringify(buildOpenApiDocument(t.app), null, 2) + '\n';
    if (process.env.UPDATE_OPENAPI) fs.writeFileSync(COMMITTED, generated);
    expect(fs.readFileSync(COMMITTED, 'utf8')).toBe(generated);
  });
});
