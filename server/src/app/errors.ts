import { ERROR_CODES, type ErrorCode } from '../../../contracts/error-codes.ts';

/**
 * Typed errors with a code and a user-safe message in Chinese and English. Anything else that escapes a
 * handler becomes a 500 with a generic message: no stack trace, SQL or row data ever reaches the client.
 * The code comes from the one table of codes (contracts/error-codes.ts); no free strings.
 */
export interface ErrorDetail {
  path?: string;
  rule?: string;
  message: string;
  messageEn?: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    readonly messageZh: string,
    readonly messageEn: string,
    readonly details?: ErrorDetail[],
    readonly headers?: Record<string, string>,
  ) {
    super(messageEn);
  }
}

/** An error with its code's status and general text (contracts/error-codes.ts). */
export function appErrorOf(code: ErrorCode, details?: ErrorDetail[]): AppError {
  const { status, zh, en } = ERROR_CODES[code];
  return new AppError(status, code, zh, en, details);
}

export const errors = {
  unauthenticated: () => appErrorOf('UNAUTHENTICATED'),
  sessionExpired: () => appErrorOf('SESSION_EXPIRED'),
  stepRequired: (stage: string) =>
    new AppError(403, 'STEP_REQUIRED', '请先完成登录步骤（两步验证或修改密码）', 'Complete the sign-in step first (second factor or password change)', [
      { rule: 'stage', message: stage },
    ]),
  forbidden: () => appErrorOf('FORBIDDEN'),
  notFound: (what = '记录', whatEn = 'record') => new AppError(404, 'NOT_FOUND', `${what}不存在或无权访问`, `The ${whatEn} does not exist or is not accessible`),
  csrf: () => appErrorOf('CSRF_REJECTED'),
  validation: (details: ErrorDetail[]) => appErrorOf('VALIDATION_FAILED', details),
  conflict: (messageZh: string, messageEn: string) => new AppError(409, 'CONFLICT', messageZh, messageEn),
};
