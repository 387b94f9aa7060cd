import { ApiRequestError } from './api-error.ts';

/** One line of a streamed import answer (application/x-ndjson), as both import routes send them. */
export type ImportStreamLine<Progress, Result> =
  | ({ type: 'progress' } & Progress)
  | { type: 'result'; result: Result }
  | { type: 'error'; error: { code: string; message: string; messageEn: string } };

/**
 * Reads a streamed import answer: progress lines go to `onProgress` as they arrive, an error line becomes the
 * request's error, and the result line is the answer. A server that answered plain JSON (no stream) is read
 * as the result itself.
 */
export async function readImportStream<Progress, Result>(
  response: Response,
  parseLine: (value: unknown) => ImportStreamLine<Progress, Result>,
  parseResult: (value: unknown) => Result,
  onProgress: (progress: { type: 'progress' } & Progress) => void,
): Promise<Result> {
  const reader = response.body?.getReader();
  if (!reader) return parseResult(await response.json());
  const decoder = new TextDecoder();
  let buffer = '';
  let result: Result | null = null;
  for (;;) {
    const { value, done } = await reader.read();
    if (value) buffer += decoder.decode(value, { stream: true });
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      if (!line) continue;
      const parsed = parseLine(JSON.parse(line));
      if (parsed.type === 'progress') onProgress(parsed);
      else if (parsed.type === 'result') result = parsed.result;
      else throw new ApiRequestError({ status: parsed.error.code === 'INTERNAL' ? 500 : 400, code: parsed.error.code, messageZh: parsed.error.message, messageEn: parsed.error.messageEn });
    }
    if (done) break;
  }
  if (result === null) throw new ApiRequestError({ status: 500, code: 'INVALID_RESPONSE', messageZh: '导入结果缺失', messageEn: 'The import result is missing' });
  return result;
}
