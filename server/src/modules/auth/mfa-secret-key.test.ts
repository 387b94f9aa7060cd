import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SecretOpenError } from '../../domain/security/secret-box.ts';
import { mfaSecretBox, secretKeyFileOf } from './mfa-secret-key.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'biomfg-key-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the second-factor sealing key', () => {
  it('lives in the data folder by default, created once with owner-only permissions, and is reused', () => {
    const config = { env: 'production' as const, dataDir: path.join(dir, 'data'), secretKeyFile: undefined };
    expect(secretKeyFileOf(config)).toBe(path.join(dir, 'data', 'secret.key'));
    const sealed = mfaSecretBox(config).seal('user-1', 'JBSWY3DPEHPK3PXP');
    const file = path.join(dir, 'data', 'secret.key');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const before = fs.readFileSync(file, 'utf8');
    expect(mfaSecretBox({ ...config }).open('user-1', sealed)).toBe('JBSWY3DPEHPK3PXP');
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
  });

  it('a value sealed under another installation’s key does not open', () => {
    const a = mfaSecretBox({ env: 'production', dataDir: dir, secretKeyFile: path.join(dir, 'a.key') });
    const b = mfaSecretBox({ env: 'production', dataDir: dir, secretKeyFile: path.join(dir, 'b.key') });
    expect(() => b.open('user-1', a.seal('user-1', 'JBSWY3DPEHPK3PXP'))).toThrow(SecretOpenError);
  });

  it('refuses a key file that is not 32 bytes of base64, naming the file', () => {
    const file = path.join(dir, 'short.key');
    fs.writeFileSync(file, 'c2hvcnQ=\n');
    expect(() => mfaSecretBox({ env: 'production', dataDir: dir, secretKeyFile: file }).seal('u', 's')).toThrow(/short\.key/);
  });
});
