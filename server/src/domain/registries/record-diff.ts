/**
 * What changed in one record: `{field: [before, after]}` over the fields of the record's audit view. Used for
 * the per-record change history (变更记录) and its audit record. Values are compared as JSON.
 */
export type Changes = Record<string, [unknown, unknown]>;

export function diffRecords(before: Record<string, unknown> | null, after: Record<string, unknown> | null): Changes {
  const changes: Changes = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of keys) {
    const b = before?.[key] ?? null;
    const a = after?.[key] ?? null;
    if (JSON.stringify(b) !== JSON.stringify(a)) changes[key] = [b, a];
  }
  return changes;
}
