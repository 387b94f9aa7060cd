import type { z } from 'zod';
import { ApiRequestError, badResponseError, errorFromBody, networkError } from './api-error.ts';
import { noteServerContact } from './server-contact.ts';

/**
 * The one way the web app talks to the server.
 *
 * SECURITY: the session lives in an HttpOnly cookie; the CSRF token comes in the session response and is
 * kept only in memory (never in storage), and is sent as `x-csrf-token` on every state-changing request.
 * After a reload it is fetched again through `GET /api/auth/session`.
 */
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Listener = (error: ApiRequestError) => void;
const unauthorizedListeners = new Set<Listener>();
const forbiddenListeners = new Set<Listener>();

/** Called when a request answers 401 (the session ended): the app returns to the login page. */
export function onUnauthorized(listener: Listener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

/** Called when a request answers 403: the shell shows the 403 page. */
export function onForbidden(listener: Listener): () => void {
  forbiddenListeners.add(listener);
  return () => forbiddenListeners.delete(listener);
}

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Readonly<Record<string, QueryValue>>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /**
   * A 401 that is an expected answer here (wrong password, wrong second factor, no session yet) and must be
   * shown on the page instead of ending the session: `true` for any 401, or the error codes that are expected.
   */
  allowUnauthorized?: boolean | readonly string[];
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.append(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

async function send(method: Method, path: string, options: RequestOptions, form?: FormData | Blob, accept = 'application/json'): Promise<Response> {
  const headers: Record<string, string> = { accept };
  // A FormData body sets its own multipart content type (with the boundary); a raw file sends its own type.
  if (options.body !== undefined && !form) headers['content-type'] = 'application/json';
  if (form instanceof Blob) headers['content-type'] = form.type || 'application/octet-stream';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: form ?? (options.body === undefined ? null : JSON.stringify(options.body)),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw networkError();
  }
  // Any answer means the server saw the session cookie: activity for the idle timeout (server-contact.ts).
  noteServerContact();
  if (response.ok) return response;
  throw failure(response.status, await readJson(response), options);
}

/** The error of a failed response, after the global reactions to 401 (back to login) and 403 (forbidden page). */
function failure(status: number, body: unknown, options: RequestOptions): ApiRequestError {
  const error = errorFromBody(status, body);
  if (status === 401 && !isExpected401(error.code, options.allowUnauthorized)) {
    error.handledGlobally = true;
    csrfToken = null;
    unauthorizedListeners.forEach((listener) => listener(error));
  } else if (status === 403) {
    error.handledGlobally = true;
    forbiddenListeners.forEach((listener) => listener(error));
  }
  return error;
}

export interface UploadOptions {
  query?: Query;
  headers?: Readonly<Record<string, string>>;
  /** Bytes sent so far and in total, as the browser reports them. */
  onUploadProgress?: (loaded: number, total: number) => void;
  signal?: AbortSignal;
}

/**
 * Sends a file as the raw request body with XMLHttpRequest, whose upload events report progress (fetch has
 * none), and parses the JSON answer with its contract. Same CSRF header and error handling as `send`.
 */
function uploadWithProgress<T>(path: string, file: Blob, schema: z.ZodType<T>, options: UploadOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', buildUrl(path, options.query));
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('content-type', file.type || 'application/octet-stream');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    for (const [name, value] of Object.entries(options.headers ?? {})) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => options.onUploadProgress?.(event.loaded, event.lengthComputable ? event.total : file.size);
    xhr.onerror = () => reject(networkError());
    xhr.onabort = () => reject(new DOMException('The upload was aborted', 'AbortError'));
    xhr.onload = () => {
      // An answer is activity for the idle timeout, as in `send`.
      noteServerContact();
      let body: unknown;
      try {
        body = xhr.responseText ? (JSON.parse(xhr.responseText) as unknown) : undefined;
      } catch {
        body = undefined;
      }
      if (xhr.status < 200 || xhr.status >= 300) {
        reject(failure(xhr.status, body, {}));
        return;
      }
      const parsed = schema.safeParse(body);
      if (!parsed.success) {
        console.error(`Response of POST ${path} does not match its contract`, parsed.error.issues);
        reject(badResponseError(xhr.status, path));
        return;
      }
      resolve(parsed.data);
    };
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}

function isExpected401(code: string, allow: RequestOptions['allowUnauthorized']): boolean {
  return allow === true || (Array.isArray(allow) && allow.includes(code));
}

async function requestJson<T>(method: Method, path: string, schema: z.ZodType<T>, options: RequestOptions): Promise<T> {
  const response = await send(method, path, options);
  const parsed = schema.safeParse(await readJson(response));
  if (!parsed.success) {
    console.error(`Response of ${method} ${path} does not match its contract`, parsed.error.issues);
    throw badResponseError(response.status, path);
  }
  return parsed.data;
}

export const api = {
  get<T>(path: string, schema: z.ZodType<T>, options: RequestOptions = {}): Promise<T> {
    return requestJson('GET', path, schema, options);
  },
  post<T>(path: string, schema: z.ZodType<T>, options: RequestOptions = {}): Promise<T> {
    return requestJson('POST', path, schema, options);
  },
  put<T>(path: string, schema: z.ZodType<T>, options: RequestOptions = {}): Promise<T> {
    return requestJson('PUT', path, schema, options);
  },
  /** Uploads a file as multipart/form-data (field `field`), with the CSRF header like any other write. */
  async upload<T>(path: string, schema: z.ZodType<T>, file: Blob, fileName: string, field = 'file'): Promise<T> {
    const form = new FormData();
    form.append(field, file, fileName);
    const response = await send('POST', path, {}, form);
    const parsed = schema.safeParse(await readJson(response));
    if (!parsed.success) throw badResponseError(response.status, path);
    return parsed.data;
  },
  /**
   * Sends a file as the raw request body (its own content type) and returns the response unread, so that a
   * streamed answer (e.g. import progress as NDJSON, `accept`) can be read as it arrives.
   */
  sendFile(path: string, file: Blob, options: { query?: Query; accept?: string } = {}): Promise<Response> {
    return send('POST', path, options.query ? { query: options.query } : {}, file, options.accept);
  },
  uploadWithProgress,
  /** A state-changing request whose response body the UI does not need. */
  async command(method: Exclude<Method, 'GET'>, path: string, options: RequestOptions = {}): Promise<void> {
    await send(method, path, options);
  },
  /** Fetches a file (e.g. an Excel export) so that errors are shown in the app instead of a raw page. */
  async download(path: string, query?: Query): Promise<{ blob: Blob; filename: string | null }> {
    const response = await send('GET', path, query ? { query } : {});
    return { blob: await response.blob(), filename: filenameFromDisposition(response.headers.get('content-disposition')) };
  },
};

export function filenameFromDisposition(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // fall through to the plain filename
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header);
  return plain?.[1]?.trim() ?? null;
}

/** Saves a blob through a temporary object URL (works offline and under the CSP). */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = filename;
  anchor.rel = 'noopener';
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
