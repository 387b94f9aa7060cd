import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '../../../../contracts/audit-actions.ts';
import { REGISTRY_ENTITIES } from '../registry-io/entities.ts';

const SERVER_SRC = fileURLToPath(new URL('../../', import.meta.url));

/** Non-test server sources (test helpers and fixtures write made-up codes on purpose). */
function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.ts$/.test(entry.name) && !/\.test\.ts$|test-helpers|fixture|test-support/.test(entry.name) ? [full] : [];
  });
}

/**
 * Codes composed at run time, with what each composition produces. A new composition fails the test below
 * until it is listed here and its codes are in AUDIT_ACTIONS (so the auditor's page can label them).
 */
const COMPOSED: Record<string, () => string[]> = {
  '${entity.name}.import': () => REGISTRY_ENTITIES.map((e) => `${e.name}.import`),
  '${entity.name}.export': () => REGISTRY_ENTITIES.map((e) => `${e.name}.export`),
  // monthly-report.service.ts: the revision actions its transitions pass (save, submit, review/return, approve).
  'monthly-report.${revisionAction}': () => ['save', 'submit', 'review', 'return', 'approve'].map((a) => `monthly-report.${a}`),
  // report-batch-review.service.ts: a refused report of a batch, recorded under the action it was refused.
  'monthly-report.${action}': () => ['review', 'approve'].map((a) => `monthly-report.${a}`),
};

const CODE = /^[a-z][a-z-]*(\.[a-z][a-z-]*)+$/;

function emitted() {
  const literals = new Map<string, string>();
  const templates = new Map<string, string>();
  for (const file of sources(SERVER_SRC)) {
    const text = fs.readFileSync(file, 'utf8');
    const where = path.relative(SERVER_SRC, file);
    // `action: 'x.y'`, `action: cond ? 'x.y' : 'x.z'` (the rest of the line after `action:`), and the account
    // service's `mutate(actor, origin, id, 'user.x', …)`.
    for (const match of text.matchAll(/\baction:\s*([^\n]*)/g)) {
      for (const literal of match[1]!.matchAll(/'([^'\n]+)'/g)) if (CODE.test(literal[1]!)) literals.set(literal[1]!, where);
      for (const template of match[1]!.matchAll(/`([^`\n]+)`/g)) templates.set(template[1]!, where);
    }
    for (const match of text.matchAll(/mutate\([^)]*?'([a-z.-]+)'/g)) literals.set(match[1]!, where);
  }
  return { literals, templates };
}

describe('audit action codes', () => {
  const listed = new Set<string>(AUDIT_ACTIONS);
  const { literals, templates } = emitted();

  it('finds the codes the server writes (the scan itself works)', () => {
    for (const known of ['enterprise.update', 'auth.login', 'user.disable', 'platform.restore', 'department.delete']) expect(literals.has(known), known).toBe(true);
  });

  it('lists every literal code the server writes', () => {
    const missing = [...literals].filter(([code]) => !listed.has(code)).map(([code, file]) => `${code} (${file})`);
    expect(missing).toEqual([]);
  });

  it('lists every code the server composes at run time', () => {
    const unknown = [...templates].filter(([template]) => !(template in COMPOSED)).map(([template, file]) => `${template} (${file})`);
    expect(unknown, 'a new composed code: add its expansion to COMPOSED and its codes to AUDIT_ACTIONS').toEqual([]);
    const missing = Object.values(COMPOSED)
      .flatMap((expand) => expand())
      .filter((code) => !listed.has(code));
    expect(missing).toEqual([]);
  });

  it('has no duplicates', () => {
    expect(AUDIT_ACTIONS.length).toBe(listed.size);
  });
});
