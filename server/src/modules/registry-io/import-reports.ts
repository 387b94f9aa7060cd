import crypto from 'node:crypto';
import type { RejectedCell } from './import.ts';

/**
 * Error reports of recent imports, kept in memory for 30 minutes so that the uploader can download the
 * marked workbook. Only the user who ran the import can fetch it (anyone else gets 404). In memory on
 * purpose: the uploaded file is not stored anywhere else, and a restart simply ends the offer.
 */
const TTL_MS = 30 * 60_000;
const MAX_PER_USER = 5;

interface StoredReport {
  id: string;
  ownerUserId: string;
  entity: string;
  fileName: string | null;
  original: Buffer;
  rejected: RejectedCell[];
  createdAt: number;
}

const reports = new Map<string, StoredReport>();

function prune(now: number): void {
  for (const [id, r] of reports) if (now - r.createdAt > TTL_MS) reports.delete(id);
}

export function storeImportReport(ownerUserId: string, entity: string, fileName: string | null, original: Buffer, rejected: RejectedCell[], now = Date.now()): string {
  prune(now);
  const own = [...reports.values()].filter((r) => r.ownerUserId === ownerUserId).sort((a, b) => a.createdAt - b.createdAt);
  while (own.length >= MAX_PER_USER) reports.delete(own.shift()!.id);
  const id = crypto.randomUUID();
  reports.set(id, { id, ownerUserId, entity, fileName, original, rejected, createdAt: now });
  return id;
}

export function findImportReport(id: string, ownerUserId: string, entity: string, now = Date.now()): StoredReport | undefined {
  prune(now);
  const report = reports.get(id);
  return report && report.ownerUserId === ownerUserId && report.entity === entity ? report : undefined;
}
