import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { api, buildUrl, filenameFromDisposition, onForbidden, onUnauthorized, setCsrfToken } from './api.ts';
import { ApiRequestError } from './api-error.ts';

const okSchema = z.object({ ok: z.boolean() });

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function errorBody(code: string, details?: unknown[]) {
  return { error: { code, message: '中文消息', messageEn: 'English message', ...(details ? { details } : {}) } };
}

describe('api client', () => {
  const fetchMock = vi.fn<typeof fetch>();

  beforeEach(() => {
    fetchMock.mockReset();
    vi.stubGlobal('fetch', fetchMock);
    setCsrfToken(null);
  });
  afterEach(() => vi.unstubAllGlobals());

  const sentHeaders = (call = 0) => (fetchMock.mock.calls[call]?.[1]?.headers ?? {}) as Record<string, string>;

  it('sends the CSRF token on state-changing requests only, with same-origin credentials', async () => {
    setCsrfToken('tok-1');
    fetchMock.mockImplementation(async () => jsonResponse(200, { ok: true }));
    await api.get('/api/x', okSchema);
    await api.post('/api/x', okSchema, { body: { a: 1 } });
    await api.command('PUT', '/api/x');
    expect(sentHeaders(0)['x-csrf-token']).toBeUndefined();
    expect(sentHeaders(1)['x-csrf-token']).toBe('tok-1');
    expect(sentHeaders(1)['content-type']).toBe('application/json');
    expect(sentHeaders(2)['x-csrf-token']).toBe('tok-1');
    expect(fetchMock.mock.calls.every(([, init]) => init?.credentials === 'same-origin')).toBe(true);
  });

  it('parses error bodies into a localized error with details', async () => {
    fetchMock.mockResolvedValue(jsonResponse(400, errorBody('PASSWORD_POLICY', [{ rule: 'length', message: '太短', messageEn: 'Too short' }])));
    const error = await api.post('/api/auth/password', okSchema).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiRequestError);
    const apiError = error as ApiRequestError;
    expect(apiError.code).toBe('PASSWORD_POLICY');
    expect(apiError.localized('zh-CN')).toBe('中文消息');
    expect(apiError.localized('en-US')).toBe('English message');
    expect(apiError.details).toHaveLength(1);
  });

  it('announces 401 (session gone) unless the caller expects that code', async () => {
    const listener = vi.fn();
    const stop = onUnauthorized(listener);
    fetchMock.mockImplementation(async () => jsonResponse(401, errorBody('INVALID_MFA_CODE')));
    await api.post('/api/auth/mfa/verify', okSchema, { allowUnauthorized: ['INVALID_MFA_CODE'] }).catch(() => undefined);
    expect(listener).not.toHaveBeenCalled();
    await api.post('/api/auth/mfa/verify', okSchema, { allowUnauthorized: true }).catch(() => undefined);
    expect(listener).not.toHaveBeenCalled();

    fetchMock.mockImplementation(async () => jsonResponse(401, errorBody('SESSION_EXPIRED')));
    const error = (await api.post('/api/auth/mfa/verify', okSchema, { allowUnauthorized: ['INVALID_MFA_CODE'] }).catch((e: unknown) => e)) as ApiRequestError;
    expect(listener).toHaveBeenCalledTimes(1);
    expect(error.handledGlobally).toBe(true);
    stop();
  });

  it('forgets the CSRF token when the session ends', async () => {
    setCsrfToken('tok-2');
    fetchMock.mockResolvedValueOnce(jsonResponse(401, errorBody('SESSION_EXPIRED')));
    await api.get('/api/x', okSchema).catch(() => undefined);
    fetchMock.mockResolvedValueOnce(jsonResponse(200, { ok: true }));
    await api.post('/api/x', okSchema);
    expect(sentHeaders(1)['x-csrf-token']).toBeUndefined();
  });

  it('announces 403 for the forbidden page', async () => {
    const listener = vi.fn();
    const stop = onForbidden(listener);
    fetchMock.mockResolvedValue(jsonResponse(403, errorBody('FORBIDDEN')));
    await api.get('/api/admin/users', okSchema).catch(() => undefined);
    expect(listener).toHaveBeenCalledWith(expect.objectContaining({ code: 'FORBIDDEN', status: 403 }));
    stop();
  });

  it('reports unreachable servers, non-JSON errors and contract mismatches in both languages', async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    await expect(api.get('/api/x', okSchema)).rejects.toMatchObject({ code: 'NETWORK_ERROR', status: 0 });

    fetchMock.mockResolvedValueOnce(new Response('<html>Bad gateway</html>', { status: 502 }));
    await expect(api.get('/api/x', okSchema)).rejects.toMatchObject({ code: 'HTTP_ERROR', status: 502 });

    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    fetchMock.mockResolvedValueOnce(jsonResponse(200, { ok: 'yes' }));
    await expect(api.get('/api/x', okSchema)).rejects.toMatchObject({ code: 'INVALID_RESPONSE' });
    consoleError.mockRestore();
  });

  it('builds query strings without empty values', () => {
    expect(buildUrl('/api/users', { page: 2, q: '', role: undefined, status: 'active' })).toBe('/api/users?page=2&status=active');
    expect(buildUrl('/api/users')).toBe('/api/users');
    expect(buildUrl('/api/e', { q: '生物 医药&' })).toBe('/api/e?q=%E7%94%9F%E7%89%A9+%E5%8C%BB%E8%8D%AF%26');
  });

  it('reads download file names, including UTF-8 ones', () => {
    expect(filenameFromDisposition('attachment; filename="audit.xlsx"')).toBe('audit.xlsx');
    expect(filenameFromDisposition("attachment; filename*=UTF-8''%E5%AE%A1%E8%AE%A1.xlsx")).toBe('审计.xlsx');
    expect(filenameFromDisposition(null)).toBeNull();
  });

  describe('uploads with progress (XMLHttpRequest)', () => {
    /** A stand-in XMLHttpRequest: records what is sent, then plays progress events and the answer. */
    class FakeXhr {
      static last: FakeXhr | null = null;
      static answer: { status: number; body: string } = { status: 200, body: '{"ok":true}' };
      headers: Record<string, string> = {};
      url = '';
      method = '';
      status = 0;
      responseText = '';
      withCredentials = false;
      upload: { onprogress: ((e: { loaded: number; total: number; lengthComputable: boolean }) => void) | null } = { onprogress: null };
      onload: (() => void) | null = null;
      onerror: (() => void) | null = null;
      onabort: (() => void) | null = null;
      open(method: string, url: string) {
        this.method = method;
        this.url = url;
        FakeXhr.last = this;
      }
      setRequestHeader(name: string, value: string) {
        this.headers[name] = value;
      }
      send() {
        this.upload.onprogress?.({ loaded: 5, total: 10, lengthComputable: true });
        this.upload.onprogress?.({ loaded: 10, total: 10, lengthComputable: true });
        this.status = FakeXhr.answer.status;
        this.responseText = FakeXhr.answer.body;
        this.onload?.();
      }
      abort() {
        this.onabort?.();
      }
    }
    beforeEach(() => vi.stubGlobal('XMLHttpRequest', FakeXhr));

    it('sends the raw file with its type, the CSRF token and extra headers, reports progress and parses the answer', async () => {
      setCsrfToken('tok-9');
      FakeXhr.answer = { status: 200, body: '{"ok":true}' };
      const progress: number[] = [];
      const file = new Blob(['xlsx'], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
      const result = await api.uploadWithProgress('/api/monthly-reports/import', file, okSchema, {
        query: { mode: 'valid-only', onConflict: 'keep' },
        headers: { 'x-file-name': '%E6%9C%88.xlsx' },
        onUploadProgress: (loaded, total) => progress.push(loaded / total),
      });
      expect(result).toEqual({ ok: true });
      expect(progress).toEqual([0.5, 1]);
      const xhr = FakeXhr.last!;
      expect([xhr.method, xhr.url]).toEqual(['POST', '/api/monthly-reports/import?mode=valid-only&onConflict=keep']);
      expect(xhr.headers).toMatchObject({ 'x-csrf-token': 'tok-9', 'content-type': file.type, 'x-file-name': '%E6%9C%88.xlsx' });
    });

    it('turns error answers into localized errors and announces 403 like any other request', async () => {
      const listener = vi.fn();
      const stop = onForbidden(listener);
      FakeXhr.answer = { status: 403, body: JSON.stringify(errorBody('FORBIDDEN')) };
      await expect(api.uploadWithProgress('/api/x', new Blob(['a']), okSchema)).rejects.toMatchObject({ code: 'FORBIDDEN', messageEn: 'English message' });
      expect(listener).toHaveBeenCalledTimes(1);
      stop();
      FakeXhr.answer = { status: 400, body: JSON.stringify(errorBody('IMPORT_REFUSED')) };
      await expect(api.uploadWithProgress('/api/x', new Blob(['a']), okSchema)).rejects.toMatchObject({ code: 'IMPORT_REFUSED', status: 400, messageZh: '中文消息' });
    });
  });
});
