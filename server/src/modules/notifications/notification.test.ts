import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeSession, createEnterprise } from '../../../../test/fixtures.ts';
import { as, createTestApp, type Session, type TestApp } from '../../../../test/test-app.ts';
import { reportDeadlineReminderJob } from '../monthly-reports/report-reminder.job.ts';
import { notify, type Notice } from './notify.ts';
import { EMAIL_RETRY, notificationEmailRetryJob, retryDueEmails } from './email-delivery.ts';

/**
 * The inbox and notify() against a real SMTP server started here (smtp-server on a free local port): what
 * a recipient's mail client would receive is what the test reads.
 */

interface Received {
  to: string[];
  raw: string;
}
let smtp: SMTPServer;
let smtpUrl: string;
const received: Received[] = [];
/** How many of the next recipients the server refuses with a temporary error (451), as a busy server does. */
let refusals = 0;
let t: TestApp;
let own: { id: string; name: string };
let foreign: { id: string; name: string };
let ownUser: Session & { userId: string };
let ownUser2: Session & { userId: string };
let foreignUser: Session & { userId: string };

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (refusals <= 0) return callback();
      refusals--;
      callback(Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 451 }));
    },
    onData(stream, session, callback) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => (raw += chunk));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  t = await createTestApp({ SMTP_URL: smtpUrl, SMTP_FROM: 'platform@jinshan.test' });
  own = await createEnterprise(t, '通知测试甲生物科技有限公司', 'medicine-port');
  foreign = await createEnterprise(t, '通知测试乙生物科技有限公司', 'innovation-city');
  ownUser = await activeSession(t, 'n_own', 'enterprise', own.id);
  ownUser2 = await activeSession(t, 'n_own2', 'enterprise', own.id);
  foreignUser = await activeSession(t, 'n_foreign', 'enterprise', foreign.id);
});
afterAll(async () => {
  await t?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

const notice = (enterpriseId: string, objectId = 'x'): Notice => ({
  kind: 'report.deadline-reminder',
  object: { kind: 'monthly-report', id: `${enterpriseId}:${objectId}` },
  recipients: { roles: ['enterprise'], scope: { kind: 'enterprise', id: enterpriseId } },
  titleZh: '提醒',
  titleEn: 'Reminder',
  bodyZh: '请报送月报',
  bodyEn: 'Please submit the monthly report',
  link: '/reports',
});
const deps = (at: string, smtp = smtpUrl) => ({ database: t.deps.database, config: { smtpUrl: smtp, smtpFrom: 'platform@jinshan.test' }, now: () => new Date(at) });

describe('notify()', () => {
  it('reaches the accounts of the role and scope, once per kind, object and Shanghai day', async () => {
    const first = await notify(deps('2026-03-08T01:00:00Z'), notice(own.id, 'dedupe'));
    expect(first).toMatchObject({ recipients: 2, created: 2 });
    // Later the same Shanghai day (23:59 +08:00): nothing new.
    expect((await notify(deps('2026-03-08T15:59:00Z'), notice(own.id, 'dedupe'))).created).toBe(0);
    // The next Shanghai day: sent again.
    expect((await notify(deps('2026-03-08T16:00:00Z'), notice(own.id, 'dedupe'))).created).toBe(2);
    const rows = await t.deps.database.query<{ user_id: string }>(`SELECT user_id FROM notifications WHERE object_id = $1`, [`${own.id}:dedupe`]);
    expect(rows.map((r) => r.user_id).sort()).toEqual([ownUser.userId, ownUser2.userId, ownUser.userId, ownUser2.userId].sort());
    expect(rows.some((r) => r.user_id === foreignUser.userId)).toBe(false);
  });

  it('refuses to address the three administrators', async () => {
    await expect(notify(deps('2026-03-08T01:00:00Z'), { ...notice(own.id), recipients: { roles: ['auditor'] } })).rejects.toThrow(/administrator/);
  });

  it('e-mails a copy through SMTP to those who chose inbox + e-mail, and only to them', async () => {
    const put = await as(t, ownUser)('PUT', '/api/notifications/preferences', { email: 'own@example.test', kinds: [{ kind: 'report.deadline-reminder', channel: 'inbox+email' }] });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ email: 'own@example.test', emailAvailable: true });
    // Every kind is listed with its channel; only the one chosen is by e-mail.
    expect(put.json().kinds.filter((k: { channel: string }) => k.channel === 'inbox+email')).toEqual([{ kind: 'report.deadline-reminder', channel: 'inbox+email' }]);
    // The second account keeps the inbox only, even with an address.
    await as(t, ownUser2)('PUT', '/api/notifications/preferences', { email: 'own2@example.test', kinds: [{ kind: 'report.deadline-reminder', channel: 'inbox' }] });
    received.length = 0;
    const result = await notify(deps('2026-03-09T01:00:00Z'), notice(own.id, 'mail'));
    expect(result).toMatchObject({ created: 2, emailed: 1, emailFailed: 0 });
    expect(received.map((m) => m.to)).toEqual([['own@example.test']]);
    expect(received[0]!.raw).toContain('From: platform@jinshan.test');
    expect(received[0]!.raw).toMatch(/Subject: .*Reminder/s);
    // De-duplicated: no second e-mail the same day.
    await notify(deps('2026-03-09T02:00:00Z'), notice(own.id, 'mail'));
    expect(received.length).toBe(1);
  });

  it('keeps the inbox copy and records the failure when the mail server is unreachable', async () => {
    const result = await notify(deps('2026-03-09T01:00:00Z', 'smtp://127.0.0.1:1'), notice(own.id, 'down'));
    expect(result).toMatchObject({ created: 2, emailed: 0, emailFailed: 1 });
    const [row] = await t.deps.database.query<{ email_status: string; email_error: string }>(
      `SELECT email_status, email_error FROM notifications WHERE object_id = $1 AND user_id = $2`,
      [`${own.id}:down`, ownUser.userId],
    );
    // Kept for a retry (email-delivery.ts), the error recorded.
    expect(row!.email_status).toBe('retrying');
    expect(row!.email_error).toBeTruthy();
  });
});

describe('e-mail retries (the local server refuses, then accepts)', () => {
  const stateOf = async (objectId: string) =>
    (
      await t.deps.database.query<{ email_status: string; email_attempts: number; email_next_at: string | Date | null }>(
        `SELECT email_status, email_attempts, email_next_at FROM notifications WHERE object_id = $1 AND user_id = $2`,
        [`${own.id}:${objectId}`, ownUser.userId],
      )
    )[0]!;
  const iso = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString());
  const titled = (objectId: string, titleEn: string): Notice => ({ ...notice(own.id, objectId), titleEn });
  // Copies left waiting by the tests above would take the server's refusals meant for these copies.
  beforeAll(async () => {
    await t.deps.database.query(`UPDATE notifications SET email_status = 'failed', email_next_at = NULL WHERE email_status = 'retrying'`);
  });

  it('keeps a refused copy, retries it with back-off through the retry job, and sends it once accepted', async () => {
    await as(t, ownUser)('PUT', '/api/notifications/preferences', { email: 'own@example.test', kinds: [{ kind: 'report.deadline-reminder', channel: 'inbox+email' }] });
    refusals = 2;
    received.length = 0;
    expect(await notify(deps('2026-03-10T01:00:00Z'), titled('retry', 'RetryMe'))).toMatchObject({ emailed: 0, emailFailed: 1 });
    expect(await stateOf('retry')).toMatchObject({ email_status: 'retrying', email_attempts: 1 });
    expect(iso((await stateOf('retry')).email_next_at)).toBe('2026-03-10T01:01:00.000Z');

    // Not due yet: nothing is sent.
    await retryDueEmails(deps('2026-03-10T01:00:30Z'));
    expect((await stateOf('retry')).email_attempts).toBe(1);
    // Due: refused again, the next wait doubles (2 min).
    await retryDueEmails(deps('2026-03-10T01:01:00Z'));
    expect(await stateOf('retry')).toMatchObject({ email_status: 'retrying', email_attempts: 2 });
    expect(iso((await stateOf('retry')).email_next_at)).toBe('2026-03-10T01:03:00.000Z');
    expect(received.filter((m) => m.raw.includes('RetryMe'))).toEqual([]);

    // The scheduled job, as the scheduler runs it: the server accepts now; its summary is what the operations page shows.
    const at = new Date('2026-03-10T01:05:00Z');
    const summary = await notificationEmailRetryJob.run({ database: t.deps.database, config: t.deps.config, slotAt: at, attempt: 1, payload: {}, now: () => at });
    expect(summary).toMatchObject({ refused: 0 });
    expect((summary as { sent: number }).sent).toBeGreaterThanOrEqual(1);
    expect(await stateOf('retry')).toMatchObject({ email_status: 'sent', email_attempts: 3, email_next_at: null });
    expect(received.filter((m) => m.raw.includes('RetryMe')).map((m) => m.to)).toEqual([['own@example.test']]);
    // Sent is final: a later pass sends nothing again.
    await retryDueEmails(deps('2026-03-10T05:00:00Z'));
    expect(received.filter((m) => m.raw.includes('RetryMe'))).toHaveLength(1);
  });

  it('gives up after the last attempt and records the copy as failed', async () => {
    refusals = 1000;
    let now = new Date('2026-03-11T01:00:00Z');
    await notify(deps(now.toISOString()), titled('give-up', 'GiveUp'));
    for (let pass = 0; pass < 20 && (await stateOf('give-up')).email_status === 'retrying'; pass++) {
      now = new Date(now.getTime() + EMAIL_RETRY.maxBackoffMs);
      await retryDueEmails(deps(now.toISOString()));
    }
    refusals = 0;
    expect(await stateOf('give-up')).toMatchObject({ email_status: 'failed', email_attempts: EMAIL_RETRY.maxAttempts, email_next_at: null });
  });
});

describe('inbox API', () => {
  it('lists only the caller’s notifications, counts unread, marks read (own only, audited)', async () => {
    await notify(deps('2026-03-10T01:00:00Z'), notice(foreign.id, 'inbox'));
    const mine = await as(t, ownUser)('GET', '/api/notifications?pageSize=100');
    expect(mine.statusCode).toBe(200);
    const body = mine.json();
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items.every((n: { objectId: string }) => n.objectId.startsWith(own.id))).toBe(true);
    const theirs = (await as(t, foreignUser)('GET', '/api/notifications')).json().items[0];
    expect(theirs.objectId).toBe(`${foreign.id}:inbox`);
    expect((await as(t, ownUser)('POST', `/api/notifications/${theirs.id}/read`)).statusCode).toBe(404);
    const before = (await as(t, ownUser)('GET', '/api/notifications/unread-count')).json().unread;
    expect(before).toBe(body.unread);
    expect((await as(t, ownUser)('POST', `/api/notifications/${body.items[0].id}/read`)).statusCode).toBe(204);
    expect((await as(t, ownUser)('GET', '/api/notifications/unread-count')).json().unread).toBe(before - 1);
    expect((await as(t, ownUser)('GET', '/api/notifications?unread=true&pageSize=100')).json().items.length).toBe(before - 1);
    expect((await as(t, ownUser)('POST', '/api/notifications/read-all')).json().updated).toBe(before - 1);
    expect((await as(t, foreignUser)('GET', '/api/notifications/unread-count')).json().unread).toBe(1);
    const [audit] = await t.deps.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action IN ('notification.read', 'notification.read-all')`);
    expect(audit!.n).toBe(2);
    expect((await as(t, ownUser)('POST', '/api/notifications/not-a-uuid/read')).statusCode).toBe(400);
    expect((await as(t, ownUser)('GET', '/api/notifications?pageSize=1000')).statusCode).toBe(400);
  });

  it('refuses e-mail copies without an address', async () => {
    const put = await as(t, ownUser2)('PUT', '/api/notifications/preferences', { email: null, kinds: [{ kind: 'report.deadline-reminder', channel: 'inbox+email' }] });
    expect(put.statusCode).toBe(400);
  });
});

describe('monthly report deadline reminders (a real sender)', () => {
  it('reminds enterprises that have not submitted last month’s report, once a day, inside the window', async () => {
    const submitted = await createEnterprise(t, '通知测试丙生物科技有限公司', 'medicine-port');
    const submittedUser = await activeSession(t, 'n_submitted', 'enterprise', submitted.id);
    await t.deps.database.query(`INSERT INTO monthly_reports (enterprise_id, year, month, status, deadline) VALUES ($1, 2026, 4, 'submitted', '2026-05-10')`, [submitted.id]);
    await t.deps.database.query(`INSERT INTO monthly_reports (enterprise_id, year, month, status, deadline) VALUES ($1, 2026, 4, 'draft', '2026-05-10')`, [own.id]);
    const ctx = (at: string) => ({ database: t.deps.database, config: t.deps.config, slotAt: new Date(at), attempt: 1, payload: {}, now: () => new Date(at) });
    expect(await reportDeadlineReminderJob.run(ctx('2026-05-06T01:00:00Z'))).toMatchObject({ inWindow: false });
    const first = await reportDeadlineReminderJob.run(ctx('2026-05-08T01:00:00Z'));
    expect(first).toMatchObject({ period: '2026-04' });
    const again = await reportDeadlineReminderJob.run(ctx('2026-05-08T05:00:00Z'));
    expect(again).toMatchObject({ created: 0 });
    const reminded = await t.deps.database.query<{ user_id: string; title_zh: string; link: string }>(
      `SELECT user_id, title_zh, link FROM notifications WHERE kind = 'report.deadline-reminder' AND object_id LIKE '%:2026-04'`,
    );
    const users = new Set(reminded.map((r) => r.user_id));
    expect(users.has(ownUser.userId) && users.has(ownUser2.userId) && users.has(foreignUser.userId)).toBe(true);
    expect(users.has(submittedUser.userId)).toBe(false);
    expect(reminded.length).toBe(users.size);
    expect(reminded[0]!.title_zh).toContain('2026-05-10');
    expect(reminded[0]!.link).toBe('/reports');
  });
});
