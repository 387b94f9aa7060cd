/**
 * Typed errors with a code and a user-safe message in Chinese and English. Anything else that escapes a
 * handler becomes a 500 with a generic message: no stack trace, SQL or row data ever reaches the client.
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
    readonly code: string,
    readonly messageZh: string,
    readonly messageEn: string,
    readonly details?: ErrorDetail[],
    readonly headers?: Record<string, string>,
  ) {
    super(messageEn);
  }
}

export const errors = {
  unauthenticated: () => new AppError(401, 'UNAUTHENTICATED', '请先登录', 'Please sign in'),
  sessionExpired: () => new AppError(401, 'SESSION_EXPIRED', '会话已过期，请重新登录', 'Your session has expired; please sign in again'),
  stepRequired: (stage: string) =>
    new AppError(403, 'STEP_REQUIRED', '请先完成登录步骤（两步验证或修改密码）', 'Complete the sign-in step first (second factor or password change)', [
      { rule: 'stage', message: stage },
    ]),
  forbidden: () => new AppError(403, 'FORBIDDEN', '您无权执行此操作', 'You are not allowed to do this'),
  notFound: (what = '记录', whatEn = 'record') => new AppError(404, 'NOT_FOUND', `${what}不存在或无权访问`, `The ${whatEn} does not exist or is not accessible`),
  csrf: () => new AppError(403, 'CSRF_REJECTED', '请求校验失败，请刷新页面后重试', 'Request verification failed; reload the page and try again'),
  validation: (details: ErrorDetail[]) => new AppError(400, 'VALIDATION_FAILED', '提交的数据有误', 'The submitted data is invalid', details),
  conflict: (messageZh: string, messageEn: string) => new AppError(409, 'CONFLICT', messageZh, messageEn),
};
