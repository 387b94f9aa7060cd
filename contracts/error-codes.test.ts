import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, ERROR_CODE_LIST, errorCodeText, isErrorCode } from './error-codes.ts';

const SERVER = fileURLToPath(new URL('../server/src/', import.meta.url));

function serverSources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return serverSources(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

describe('error codes', () => {
  it('gives every code a Chinese and an English text', () => {
    for (const code of ERROR_CODE_LIST) {
      expect(ERROR_CODES[code].zh, code).toMatch(/[\u4e00-\u9fff]/);
      expect(ERROR_CODES[code].en, code).toMatch(/^[A-Z]/);
      expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/);
    }
    expect(errorCodeText('STALE_VERSION', 'en-US')).toBe(ERROR_CODES.STALE_VERSION.en);
    expect(errorCodeText('STALE_VERSION', 'zh-CN')).toBe(ERROR_CODES.STALE_VERSION.zh);
    expect(isErrorCode('NOT_FOUND')).toBe(true);
    expect(isErrorCode('toString')).toBe(false);
    expect(isErrorCode('SOMETHING_ELSE')).toBe(false);
  });

  it('records the HTTP status each code is sent with (a server error with another status fails here)', () => {
    const thrown = serverSources(SERVER).flatMap((file) =>
      [...fs.readFileSync(file, 'utf8').matchAll(/new AppError\(\s*(\d{3}),\s*'([A-Z][A-Z0-9_]+)'/g)].map((m) => ({ file: path.relative(SERVER, file), status: Number(m[1]), code: m[2]! })),
    );
    expect(thrown.length).toBeGreaterThan(40);
    const mismatched = thrown.filter((t) => !isErrorCode(t.code) || ERROR_CODES[t.code].status !== t.status);
    expect(mismatched).toEqual([]);
  });
});
