import { describe, expect, it } from 'vitest';
import { codeFilterSchema, plainTextSchema, searchTextSchema, uuidSchema } from './common.ts';
import { assignRoleBodySchema } from './admin.ts';

describe('shared text schemas', () => {
  it('refuse control characters (NUL above all) in search terms and code filters, with a message', () => {
    for (const bad of ['\u0000', 'a\u0000b', 'x\u0007', 'line\nbreak', '\u001b[31m']) {
      const result = searchTextSchema.safeParse(bad);
      expect(result.success, JSON.stringify(bad)).toBe(false);
      expect(result.error!.issues[0]!.message).toMatch(/控制字符/);
      expect(codeFilterSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    expect(searchTextSchema.parse('  生物医药 ')).toBe('生物医药');
    expect(searchTextSchema.safeParse('x'.repeat(65)).success).toBe(false);
  });

  it('free text keeps line breaks and tabs but refuses other control characters', () => {
    expect(plainTextSchema.safeParse('一、目标\n\t到2025年').success).toBe(true);
    expect(plainTextSchema.safeParse('a\u0000b').success).toBe(false);
  });

  it('types ids as UUIDs (the role route’s scopeId included)', () => {
    expect(uuidSchema.safeParse('not-a-uuid').success).toBe(false);
    const bad = assignRoleBodySchema.safeParse({ role: 'park', scopeId: 'medicine-port\u0000' });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.path).toEqual(['scopeId']);
  });
});
