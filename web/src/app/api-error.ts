import { apiErrorSchema } from '../../../contracts/common.ts';
import type { ApiError } from '../../../contracts/common.ts';
import { ERROR_CODES, isErrorCode, type ErrorCode } from '../../../contracts/error-codes.ts';

export type ApiErrorDetail = NonNullable<ApiError['error']['details']>[number];

/** Codes the client invents itself when there is no usable error body from the server. */
export const CLIENT_ERROR_CODES = {
  network: 'NETWORK_ERROR',
  badResponse: 'INVALID_RESPONSE',
  http: 'HTTP_ERROR',
} as const satisfies Record<string, ErrorCode>;

/**
 * An error response from the API (or a failure to reach it). The server always sends
 * `{error:{code,message,messageEn,details}}`; the Chinese and English messages are user-safe.
 */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messageZh: string;
  readonly messageEn: string;
  readonly details: readonly ApiErrorDetail[];
  readonly requestId: string | undefined;
  /** Set when the client already reacted globally (401 → login page, 403 → forbidden page). */
  handledGlobally = false;

  constructor(init: {
    status: number;
    /** A code of contracts/error-codes.ts (a string: a newer server may send one this client does not know). */
    code: ErrorCode | (string & {});
    messageZh: string;
    messageEn: string;
    details?: readonly ApiErrorDetail[];
    requestId?: string;
  }) {
    super(init.messageEn);
    this.name = 'ApiRequestError';
    this.status = init.status;
    this.code = init.code;
    this.messageZh = init.messageZh;
    this.messageEn = init.messageEn;
    this.details = init.details ?? [];
    this.requestId = init.requestId;
  }

  /** The message in the UI language (`en…` → English, anything else → Chinese). */
  localized(language: string): string {
    const english = language.startsWith('en');
    const own = english ? this.messageEn : this.messageZh;
    if (own || !isErrorCode(this.code)) return own;
    // No message of its own: the code's general text (contracts/error-codes.ts).
    return english ? ERROR_CODES[this.code].en : ERROR_CODES[this.code].zh;
  }
}

export function isApiRequestError(value: unknown): value is ApiRequestError {
  return value instanceof ApiRequestError;
}

/** Whether `value` is an API error with this code (codes are the table of contracts/error-codes.ts). */
export function hasErrorCode(value: unknown, code: ErrorCode): value is ApiRequestError {
  return value instanceof ApiRequestError && value.code === code;
}

/** The text of one policy/validation detail in the UI language. */
export function localizedDetail(detail: ApiErrorDetail, language: string): string {
  return language.startsWith('en') && detail.messageEn ? detail.messageEn : detail.message;
}

/** Builds an ApiRequestError from a non-2xx response body (which may be missing or not JSON). */
export function errorFromBody(status: number, body: unknown): ApiRequestError {
  const parsed = apiErrorSchema.safeParse(body);
  if (parsed.success) {
    const e = parsed.data.error;
    return new ApiRequestError({
      status,
      code: e.code,
      messageZh: e.message,
      messageEn: e.messageEn,
      details: e.details ?? [],
      ...(e.requestId ? { requestId: e.requestId } : {}),
    });
  }
  return new ApiRequestError({
    status,
    code: CLIENT_ERROR_CODES.http,
    messageZh: `服务器返回错误（HTTP ${status}），请稍后重试。`,
    messageEn: `The server returned an error (HTTP ${status}). Please try again later.`,
  });
}

export function networkError(): ApiRequestError {
  return new ApiRequestError({
    status: 0,
    code: CLIENT_ERROR_CODES.network,
    messageZh: ERROR_CODES.NETWORK_ERROR.zh,
    messageEn: ERROR_CODES.NETWORK_ERROR.en,
  });
}

export function badResponseError(status: number, path: string): ApiRequestError {
  return new ApiRequestError({
    status,
    code: CLIENT_ERROR_CODES.badResponse,
    messageZh: `服务器响应格式不符合约定（${path}），请联系系统管理员。`,
    messageEn: `The server response does not match the contract (${path}). Please contact the administrator.`,
  });
}
