import { AppError } from '../../app/errors.ts';

/** 409 when the version the client read is no longer the stored one (someone else saved in between). */
export function staleVersion(current: number): AppError {
  return new AppError(
    409,
    'STALE_VERSION',
    `该记录已被他人修改（当前版本 ${current}），请刷新后重新编辑`,
    `Someone else changed this record (now version ${current}); reload and edit again`,
    [{ rule: 'version', message: String(current), messageEn: String(current) }],
  );
}

export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.code === '23505' || e?.cause?.code === '23505';
}

/** Today as YYYY-MM-DD in China Standard Time (the district's calendar), from an injected clock. */
export function todayIso(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
