import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * A feature is a folder with one entry point: code in `server/src/modules/<a>/` uses feature `<b>` only
 * through `modules/<b>/index.ts`, so a feature's inside can change without touching its users, and what one
 * feature offers another is written down in one file. Tests and their helpers may reach inside the feature
 * they test (and borrow another's helpers); production code may not.
 */
const MODULES = fileURLToPath(new URL('../modules/', import.meta.url));
const TEST_ONLY = /(\.test\.ts|test-helpers\.ts|\.helpers\.ts)$/;

interface DeepImport {
  file: string;
  specifier: string;
}

/** Deep imports across features in one file's source (static, re-exports and dynamic `import()`). */
export function deepImportsIn(file: string, source: string): DeepImport[] {
  const feature = path.relative(MODULES, file).split(path.sep)[0]!;
  const found: DeepImport[] = [];
  for (const ref of ts.preProcessFile(source, true, true).importedFiles) {
    if (!ref.fileName.startsWith('.')) continue;
    const target = path.relative(MODULES, path.resolve(path.dirname(file), ref.fileName));
    if (target.startsWith('..')) continue; // outside modules/: app, db, domain, access, contracts
    const [other, ...rest] = target.split(path.sep);
    if (other === feature) continue;
    if (rest.length === 1 && rest[0] === 'index.ts') continue;
    found.push({ file: path.relative(MODULES, file), specifier: ref.fileName });
  }
  return found;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !TEST_ONLY.test(entry.name) ? [full] : [];
  });
}

describe('feature boundaries', () => {
  it('finds a deep import, a deep re-export and a deep dynamic import (the check itself works)', () => {
    const file = path.join(MODULES, 'chains', 'chain.service.ts');
    const source = [
      "import { enterpriseScope } from '../enterprises/enterprise.policy.ts';",
      "export { listProjects } from '../projects/project.repository.ts';",
      "const audit = await import('../audit/audit.service.ts');",
      "import { projectScope } from '../projects/index.ts';",
      "import { chainAccess } from './chain.policy.ts';",
      "import { rowsOf } from '../../db/rows.ts';",
    ].join('\n');
    expect(deepImportsIn(file, source).map((d) => d.specifier)).toEqual(['../enterprises/enterprise.policy.ts', '../projects/project.repository.ts', '../audit/audit.service.ts']);
  });

  it('has no module importing another module’s non-index file', () => {
    const files = sourceFiles(MODULES);
    expect(files.length).toBeGreaterThan(100);
    const deep = files.flatMap((file) => deepImportsIn(file, fs.readFileSync(file, 'utf8')));
    expect(deep).toEqual([]);
  });

});
