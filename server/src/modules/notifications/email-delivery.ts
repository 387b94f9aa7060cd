import type { AppConfig } from '../../config/config.ts';
import type { Database } from '../../db/client.ts';
import { retryAt, type RetryPolicy } from '../../domain/jobs/job-timing.ts';
import type { JobDefinition } from '../jobs/index.ts';
import { sendMail } from './mailer.ts';
import { claimDueEmails, emailDeliveryCounts, recordEmailOutcome } from './notification.repository.ts';

/**
 * E-mail copies of notifications, with retries (docs/decisions/0032-notification-email-retry.md). A copy the
 * mail server refuses or cannot take is kept as `retrying` and sent again by the retry job with a doubling
 * back-off (1, 2, 4, 8, 16 min … capped at 2 h); after the sixth attempt it is `failed` for good. The inbox
 * copy is the notice of record either way, so a mail failure never fails the caller.
 */
export const EMAIL_RETRY: RetryPolicy = { maxAttempts: 6, backoffMs: 60_000, maxBackoffMs: 2 * 3600_000 };
/** How long a claimed copy is held by the process sending it before another may retry it. */
const LEASE_MS = 10 * 60_000;
const BATCH = 200;

export interface MailDeps {
  database: Database;
  config: Pick<AppConfig, 'smtpUrl' | 'smtpFrom'>;
  now: () => Date;
}

export interface MailCopy {
  id: string;
  to: string;
  /** Attempts made before this one. */
  attempts: number;
  titleZh: string;
  titleEn: string;
  bodyZh: string;
  bodyEn: string;
}

/** Sends one copy and records the outcome; answers whether it went out. */
export async function deliverEmail(deps: MailDeps, smtpUrl: string, copy: MailCopy): Promise<boolean> {
  try {
    await sendMail(smtpUrl, deps.config.smtpFrom, { to: copy.to, subject: `${copy.titleZh} / ${copy.titleEn}`, text: `${copy.bodyZh}\n\n${copy.bodyEn}\n` });
    await recordEmailOutcome(deps.database, copy.id, { status: 'sent' });
    return true;
  } catch (error) {
    const nextAt = retryAt(EMAIL_RETRY, copy.attempts + 1, deps.now());
    await recordEmailOutcome(deps.database, copy.id, { status: nextAt ? 'retrying' : 'failed', error: (error as Error).message.slice(0, 500), nextAt });
    return false;
  }
}

/** One pass of retries: every copy due at `now`, in batches. */
export async function retryDueEmails(deps: MailDeps): Promise<{ sent: number; refused: number; retrying: number; failed: number }> {
  let sent = 0;
  let refused = 0;
  const smtpUrl = deps.config.smtpUrl;
  if (smtpUrl) {
    for (;;) {
      const due = await claimDueEmails(deps.database, deps.now(), LEASE_MS, BATCH);
      for (const row of due) {
        if (!row.email) {
          await recordEmailOutcome(deps.database, row.id, { status: 'failed', error: 'no e-mail address (or e-mail copies switched off) at retry' });
          refused++;
          continue;
        }
        const copy = { id: row.id, to: row.email, attempts: row.attempts, titleZh: row.title_zh, titleEn: row.title_en, bodyZh: row.body_zh, bodyEn: row.body_en };
        if (await deliverEmail(deps, smtpUrl, copy)) sent++;
        else refused++;
      }
      if (due.length < BATCH) break;
    }
  }
  return { sent, refused, ...(await emailDeliveryCounts(deps.database)) };
}

/**
 * Every 5 minutes: e-mail copies due for a retry. Its run summary (sent, refused again, still waiting,
 * failed for good) is what the operations page shows for e-mail delivery.
 */
export const notificationEmailRetryJob: JobDefinition = {
  name: 'notification-email-retry',
  titleZh: '重发未送达的通知邮件',
  titleEn: 'Retry undelivered notification e-mails',
  schedule: '*/5 * * * *',
  async run(ctx) {
    return retryDueEmails({ database: ctx.database, config: ctx.config, now: ctx.now });
  },
};
