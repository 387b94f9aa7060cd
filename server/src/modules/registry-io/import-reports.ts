import crypto from 'node:crypto';
import type { RejectedCell } from './import.ts';

/**
 * Error reports of recent imports, kept in memory for 30 minutes so that the uploader can download the
 * marked workbook. Only the user who ran the import can fetch it (anyone else gets 404). In memory on
 * purpose: the uploaded file is not stored anywhere else, and a restart simply ends the offer. `entity` names
 * the import (a registry, or monthly-reports), whose routes alone serve its reports and know the problems' shape.
 */
const TTL_MS = 30 * 60_000;
const MAX_PER_USER = 5;

interface StoredReport<Problem = RejectedCell> {
  id: string;
  ownerUserId: string;
  entity: string;
  fileName: string | null;
  original: Buffer;
  rejected: readonly Problem[];
  createdAt: number;
}

const reports = new Map<string, StoredReport<unknown>>();

function prune(now: number): void {
  for (const [id, r] of reports) if (now - r.createdAt > TTL_MS) reports.delete(id);
}

export function storeImportReport<Problem = RejectedCell>(ownerUserId: string, entity: string, fileName: string | null, original: Buffer, rejected: readonly Problem[], now = Date.now()): string {
  prune(now);
  const own = [...reports.values()].filter((r) => r.ownerUserId === ownerUserId).sort((a, b) => a.createdAt - b.createdAt);
  while (own.length >= MAX_PER_USER) reports.delete(own.shift()!.id);
  const id = crypto.randomUUID();
  reports.set(id, { id, ownerUserId, entity, fileName, original, rejected, createdAt: now });
  return id;
}

export function findImportReport<Problem = RejectedCell>(id: string, ownerUserId: string, entity: string, now = Date.now()): StoredReport<Problem> | undefined {
  prune(now);
  const report = reports.get(id);
  return report && report.ownerUserId === ownerUserId && report.entity === entity ? (report as StoredReport<Problem>) : undefined;
}
