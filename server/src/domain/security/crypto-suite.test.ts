import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashHex, hmacHex, keyIdOf, openValue, sealedInfo, sealValue } from './crypto-suite.ts';
import { sealSecret, SecretOpenError } from './secret-box.ts';

// The published examples of the standards, run through the OpenSSL that Node ships.
describe('SM3 (GB/T 32905-2016, appendix A)', () => {
  it('example 1: "abc"', () => {
    expect(hashHex('gm', 'abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });
  it('example 2: "abcd" × 16 (512 bits)', () => {
    expect(hashHex('gm', 'abcd'.repeat(16))).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });
  it('HMAC-SM3 is RFC 2104 HMAC over SM3 (computed by hand from the hash)', () => {
    const key = Buffer.from('0123456789abcdef0123456789abcdef', 'hex');
    const block = Buffer.alloc(64);
    key.copy(block);
    const pad = (byte: number) => Buffer.from(block.map((b) => b ^ byte));
    const inner = crypto.createHash('sm3').update(pad(0x36)).update('message').digest();
    const outer = crypto.createHash('sm3').update(pad(0x5c)).update(inner).digest('hex');
    expect(hmacHex('gm', key, 'message')).toBe(outer);
  });
});

describe('SM4 (GB/T 32907-2016, appendix A)', () => {
  const key = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
  it('example 1: one block', () => {
    const cipher = crypto.createCipheriv('sm4-ecb', key, null).setAutoPadding(false);
    expect(cipher.update(key).toString('hex')).toBe('681edf34d206965e86b3e94f536e4246');
    const decipher = crypto.createDecipheriv('sm4-ecb', key, null).setAutoPadding(false);
    expect(decipher.update(Buffer.from('681edf34d206965e86b3e94f536e4246', 'hex')).toString('hex')).toBe(key.toString('hex'));
  });
  it('example 2: the block encrypted 1 000 000 times', { timeout: 60_000 }, () => {
    const cipher = crypto.createCipheriv('sm4-ecb', key, null).setAutoPadding(false);
    let block = key;
    for (let i = 0; i < 1_000_000; i++) block = cipher.update(block);
    expect(block.toString('hex')).toBe('595298c7c6fd271f0402f804c33d3f66');
  });
});

describe('sealed values', () => {
  const key = crypto.randomBytes(32);
  const other = crypto.randomBytes(32);
  const byId = (kid: string) => [key, other].find((k) => keyIdOf(k) === kid) ?? null;

  for (const suite of ['gm', 'intl'] as const) {
    it(`${suite}: opens with the key and owner it was sealed with, and names its scheme and key`, () => {
      const sealed = sealValue(suite, key, '13812345678', 'user-1');
      expect(sealedInfo(sealed)).toEqual({ scheme: suite === 'gm' ? 'gm1' : 'v2', kid: keyIdOf(key) });
      expect(sealed).not.toContain('13812345678');
      expect(openValue(sealed, byId, [], 'user-1')).toBe('13812345678');
      expect(sealValue(suite, key, '13812345678', 'user-1')).not.toBe(sealed); // random IV / nonce
    });

    it(`${suite}: refuses another owner, an unknown key and any changed byte`, () => {
      const sealed = sealValue(suite, key, '张三 zhangsan@example.cn', 'user-1');
      expect(() => openValue(sealed, byId, [], 'user-2')).toThrow(SecretOpenError);
      expect(() => openValue(sealed, () => null, [], 'user-1')).toThrow(/which this installation does not have/);
      const prefix = sealed.slice(0, sealed.lastIndexOf(':') + 1);
      const raw = Buffer.from(sealed.slice(prefix.length), 'base64url');
      for (const at of [0, 20, raw.length - 1]) {
        const changed = Buffer.from(raw);
        changed[at]! ^= 1;
        expect(() => openValue(prefix + changed.toString('base64url'), byId, [], 'user-1')).toThrow(SecretOpenError);
      }
    });
  }

  it('gm: the ciphertext is SM4-CBC under a key derived from the master (not AES)', () => {
    const sealed = sealValue('gm', key, 'x'.repeat(40), 'o');
    const raw = Buffer.from(sealed.split(':')[2]!, 'base64url');
    expect(raw.length).toBe(16 + 48 + 32); // IV, three SM4 blocks (PKCS#7), HMAC-SM3
  });

  it('opens v1 values (AES-256-GCM before key ids) with any of the legacy keys, and plain values as they are', () => {
    const v1 = sealSecret('JBSWY3DPEHPK3PXP', other, 'user-1');
    expect(openValue(v1, byId, [key, other], 'user-1')).toBe('JBSWY3DPEHPK3PXP');
    expect(() => openValue(v1, byId, [key], 'user-1')).toThrow(SecretOpenError);
    expect(openValue('JBSWY3DPEHPK3PXP', byId, [], 'user-1')).toBe('JBSWY3DPEHPK3PXP');
  });
});
