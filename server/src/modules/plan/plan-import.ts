import type { FastifyRequest } from 'fastify';
import type { ParseResponse } from '../../../../contracts/plan.ts';
import { AppError } from '../../app/errors.ts';
import { parsePolicy } from '../../domain/plan-parser/parse-policy.ts';
import { DEFAULT_POLICY_PARSE_LIMITS, parsePolicyInWorker } from './policy-parse.ts';
import { normaliseSourceText, sha256OfText } from './plan-store.ts';

/**
 * Import, step one: read a pasted text or an uploaded .txt/.docx and parse it. Nothing is saved; the operator
 * reviews and corrects the result, then saves it as a version (plan.service.ts).
 */
export function parsePastedText(text: string): ParseResponse {
  const normalised = normaliseSourceText(text);
  if (normalised.trim().length === 0) throw new AppError(422, 'POLICY_TEXT_EMPTY', '文本为空', 'The text is empty');
  return { text: normalised, fileName: null, sha256: sha256OfText(normalised), result: parsePolicy(normalised) };
}

const tooLarge = (maxBytes: number) => {
  const mb = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
  return new AppError(413, 'POLICY_FILE_TOO_LARGE', `文件过大(上限 ${mb} MB)`, `The file is too large (limit ${mb} MB)`);
};

/**
 * Reads the one file of a multipart upload into memory, refusing more than `maxBytes` (the configured upload
 * cap) while streaming, so an oversized upload never fills the memory. What the file is, is decided by its
 * content (magic bytes) by the upload guard in extractPolicyText, not by its name or declared type.
 */
export async function readUploadedPolicy(request: FastifyRequest, maxBytes: number): Promise<{ buffer: Buffer; fileName: string }> {
  if (!request.isMultipart()) {
    throw new AppError(415, 'UPLOAD_NOT_MULTIPART', '请以表单文件方式上传(multipart/form-data)', 'Upload the file as multipart/form-data');
  }
  try {
    const file = await request.file({ limits: { fileSize: maxBytes, files: 1, fields: 0, parts: 1 } });
    if (!file) throw new AppError(400, 'UPLOAD_NO_FILE', '没有收到文件', 'No file was received');
    const buffer = await file.toBuffer();
    return { buffer, fileName: sanitiseFileName(file.filename) };
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(maxBytes);
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
      throw new AppError(400, 'UPLOAD_ONE_FILE', '一次只能上传一个文件', 'Upload exactly one file');
    }
    throw new AppError(400, 'UPLOAD_MALFORMED', '上传的数据不完整或格式有误,请重试', 'The upload is incomplete or malformed; try again');
  }
}

/**
 * Reads and parses an uploaded document in a worker thread with a time limit (policy-parse.ts): the upload
 * guard, mammoth, the unwrapping of hard-wrapped lines and the parser never run on the server's event loop.
 */
export async function parseUploadedPolicy(buffer: Buffer, fileName: string, maxBytes: number, timeoutMs = DEFAULT_POLICY_PARSE_LIMITS.timeoutMs): Promise<ParseResponse> {
  if (buffer.length > maxBytes) throw tooLarge(maxBytes);
  return parsePolicyInWorker(buffer, fileName, { ...DEFAULT_POLICY_PARSE_LIMITS, timeoutMs });
}

/** Only the base name, without control characters, at most 255 characters: it is shown and stored. */
export function sanitiseFileName(name: string | undefined): string {
  // eslint-disable-next-line no-control-regex
  const base = (name ?? '').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (base || 'upload').slice(0, 255);
}
