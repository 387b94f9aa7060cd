import crypto from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSealed, openSecret, sealSecret, SecretOpenError } from './secret-box.ts';

const key = crypto.randomBytes(32);

describe('secret box', () => {
  it('opens what it sealed, for any secret and owner, and never stores the secret in the clear', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.uuid(), (secret, owner) => {
        const sealed = sealSecret(secret, key, owner);
        expect(isSealed(sealed)).toBe(true);
        expect(sealed.includes(secret) && secret.length > 8).toBe(false);
        expect(openSecret(sealed, key, owner)).toBe(secret);
      }),
      { numRuns: 200 },
    );
  });

  it('seals the same secret differently each time (random nonce)', () => {
    expect(sealSecret('JBSWY3DPEHPK3PXP', key, 'u1')).not.toBe(sealSecret('JBSWY3DPEHPK3PXP', key, 'u1'));
  });

  it('refuses another key, another owner and any changed byte', () => {
    const sealed = sealSecret('JBSWY3DPEHPK3PXP', key, 'user-a');
    expect(() => openSecret(sealed, crypto.randomBytes(32), 'user-a')).toThrow(SecretOpenError);
    expect(() => openSecret(sealed, key, 'user-b')).toThrow(SecretOpenError);
    const body = Buffer.from(sealed.slice(3), 'base64url');
    for (const at of [0, 12, 20, body.length - 1]) {
      const bent = Buffer.from(body);
      bent[at] = bent[at]! ^ 0x01;
      expect(() => openSecret(`v1:${bent.toString('base64url')}`, key, 'user-a')).toThrow(SecretOpenError);
    }
    expect(() => openSecret('v1:AAAA', key, 'user-a')).toThrow(SecretOpenError);
  });

  it('passes a secret stored before sealing through unchanged', () => {
    expect(openSecret('JBSWY3DPEHPK3PXP', key, 'user-a')).toBe('JBSWY3DPEHPK3PXP');
  });
});
