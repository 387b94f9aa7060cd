import { and, asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { bookingRulesSchema, instrumentInputSchema } from '../../../../contracts/services-operations.ts';
import type { Actor } from '../../app/actor.ts';
import { inTransaction, type AppDeps } from '../../app/deps.ts';
import { appErrorOf, errors } from '../../app/errors.ts';
import { enterprises, instrumentTrainings, instruments, platforms, users } from '../../db/schema/index.ts';
import { suspensionOf } from '../../domain/services/booking-rules.ts';
import { shanghaiDate } from '../../domain/services/working-time.ts';
import type { Caller } from '../registry-common/index.ts';
import { managedPlatforms, platformsBookedBy, rulesOfPlatform, saveRules, strikesOf } from './booking-rules.repository.ts';
import { instrumentManageScope } from './instrument.policy.ts';
import { findInstrument } from './instrument.repository.ts';
import { providerPlatformOf } from '../services-requests/index.ts';

type InstrumentInput = z.infer<typeof instrumentInputSchema>;
const DAY_MS = 86_400_000;
const stale = () => errors.conflict('仪器信息已被他人修改，请刷新后重试', 'The instrument was changed by someone else; reload and try again');
const duplicateCode = () => errors.conflict('仪器编号已存在', 'An instrument with this code exists');

/**
 * Management of the instrument catalogue, trainings and booking rules (issue 14 §1): the commission manages
 * every platform's, a platform account its own platform's (instrumentAccess `manage`). Every write is audited.
 */
export function createCatalogueService(deps: AppDeps) {
  const db = () => deps.database.db;
  /** A platform the actor may manage: the commission any live platform, a platform account its own. */
  async function managedPlatform(actor: Actor, platformId: string) {
    const own = providerPlatformOf(actor);
    if (actor.role !== 'commission' && own !== platformId) throw errors.notFound('平台', 'platform');
    const [p] = await db().select({ id: platforms.id, name: platforms.name }).from(platforms).where(and(eq(platforms.id, platformId), sql`${platforms.deletedAt} IS NULL`));
    if (!p) throw errors.notFound('平台', 'platform');
    return p;
  }
  const values = (input: InstrumentInput) => ({
    platformId: input.platformId,
    code: input.code.toUpperCase(),
    name: input.name,
    kind: input.kind,
    location: input.location ?? null,
    rules: input.rules ?? null,
    requiresTraining: input.requiresTraining,
    priceInDistrict: input.prices.inDistrict,
    priceOutside: input.prices.outside,
    priceAcademic: input.prices.academic,
    opensAt: input.opensAt,
    closesAt: input.closesAt,
  });
  const isUniqueViolation = (e: unknown) => {
    for (let x: unknown = e, d = 0; x && d < 5; x = (x as { cause?: unknown }).cause, d++) if ((x as { code?: unknown }).code === '23505') return true;
    return false;
  };

  return {
    async list(actor: Actor) {
      const rows = await db()
        .select({ row: instruments, platformName: platforms.name, trained: sql<number>`(SELECT count(*)::int FROM instrument_trainings t WHERE t.instrument_id = ${instruments.id} AND t.expires_on >= current_date)`.mapWith(Number) })
        .from(instruments)
        .innerJoin(platforms, eq(platforms.id, instruments.platformId))
        .where(instrumentManageScope(actor))
        .orderBy(asc(platforms.name), asc(instruments.code));
      return {
        items: rows.map(({ row: r, platformName, trained }) => ({
          id: r.id, code: r.code, name: r.name, kind: r.kind, platformId: r.platformId, platformName, location: r.location, rules: r.rules, requiresTraining: r.requiresTraining,
          prices: { inDistrict: r.priceInDistrict, outside: r.priceOutside, academic: r.priceAcademic }, opensAt: r.opensAt.slice(0, 5), closesAt: r.closesAt.slice(0, 5), trained, version: r.version,
        })),
      };
    },
    async create(caller: Caller, input: InstrumentInput) {
      await managedPlatform(caller.actor, input.platformId);
      try {
        const id = await inTransaction(deps, async (tx) => {
          const [row] = await tx.insert(instruments).values(values(input)).returning({ id: instruments.id });
          await deps.audit.inTransaction(tx, caller.audit, caller.origin, { action: 'instrument.create', objectType: 'instrument', objectId: row!.id, after: values(input) });
          return row!.id;
        });
        return (await this.list(caller.actor)).items.find((i) => i.id === id)!;
      } catch (e) {
        if (isUniqueViolation(e)) throw duplicateCode();
        throw e;
      }
    },
    async update(caller: Caller, id: string, input: InstrumentInput, version: number) {
      // moving an instrument to another platform needs the right to manage that one too
      await managedPlatform(caller.actor, input.platformId);
      try {
        await inTransaction(deps, async (tx) => {
          const [current] = await tx.select().from(instruments).where(and(instrumentManageScope(caller.actor), eq(instruments.id, id))).for('update');
          if (!current) throw errors.notFound('仪器', 'instrument');
          if (current.version !== version) throw stale();
          await tx.update(instruments).set({ ...values(input), version: current.version + 1 }).where(eq(instruments.id, id));
          await deps.audit.inTransaction(tx, caller.audit, caller.origin, { action: 'instrument.update', objectType: 'instrument', objectId: id, before: { name: current.name, priceInDistrict: current.priceInDistrict, opensAt: current.opensAt, closesAt: current.closesAt }, after: values(input) });
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw duplicateCode();
        throw e;
      }
      return (await this.list(caller.actor)).items.find((i) => i.id === id)!;
    },
    /** Retire an instrument (soft delete): its bookings stay for statements and utilisation history. */
    async remove(caller: Caller, id: string) {
      await inTransaction(deps, async (tx) => {
        const current = await findInstrument(tx, instrumentManageScope(caller.actor), id);
        if (!current) throw errors.notFound('仪器', 'instrument');
        await tx.update(instruments).set({ deletedAt: deps.clock(), version: current.version + 1 }).where(eq(instruments.id, id));
        await deps.audit.inTransaction(tx, caller.audit, caller.origin, { action: 'instrument.delete', objectType: 'instrument', objectId: id, before: { code: current.code, name: current.name } });
      });
    },
    async trainings(actor: Actor, id: string) {
      if (!(await findInstrument(db(), instrumentManageScope(actor), id))) throw errors.notFound('仪器', 'instrument');
      const today = shanghaiDate(deps.clock());
      const rows = await db()
        .select({ t: instrumentTrainings, username: users.username, displayName: users.displayName, enterpriseName: enterprises.name })
        .from(instrumentTrainings)
        .innerJoin(users, eq(users.id, instrumentTrainings.userId))
        .leftJoin(enterprises, and(eq(users.scopeKind, 'enterprise'), eq(enterprises.id, users.scopeId)))
        .where(eq(instrumentTrainings.instrumentId, id))
        .orderBy(asc(users.username));
      return { items: rows.map((r) => ({ userId: r.t.userId, username: r.username, displayName: r.displayName, enterpriseName: r.enterpriseName, trainedOn: r.t.trainedOn, expiresOn: r.t.expiresOn, valid: r.t.expiresOn >= today })) };
    },
    /** Record (or renew) a person's training: only active enterprise accounts are trained (they book). */
    async setTraining(caller: Caller, id: string, input: { username: string; trainedOn: string; expiresOn: string }) {
      await inTransaction(deps, async (tx) => {
        if (!(await findInstrument(tx, instrumentManageScope(caller.actor), id))) throw errors.notFound('仪器', 'instrument');
        const [user] = await tx.select({ id: users.id }).from(users).where(and(eq(users.username, input.username), eq(users.role, 'enterprise'), eq(users.status, 'active')));
        if (!user) throw appErrorOf('TRAINEE_NOT_FOUND');
        await tx
          .insert(instrumentTrainings)
          .values({ instrumentId: id, userId: user.id, trainedOn: input.trainedOn, expiresOn: input.expiresOn })
          .onConflictDoUpdate({ target: [instrumentTrainings.instrumentId, instrumentTrainings.userId], set: { trainedOn: input.trainedOn, expiresOn: input.expiresOn } });
        await deps.audit.inTransaction(tx, caller.audit, caller.origin, { action: 'instrument.training-set', objectType: 'instrument', objectId: id, after: { userId: user.id, trainedOn: input.trainedOn, expiresOn: input.expiresOn } });
      });
      return this.trainings(caller.actor, id);
    },
    async revokeTraining(caller: Caller, id: string, userId: string) {
      await inTransaction(deps, async (tx) => {
        if (!(await findInstrument(tx, instrumentManageScope(caller.actor), id))) throw errors.notFound('仪器', 'instrument');
        const removed = await tx.delete(instrumentTrainings).where(and(eq(instrumentTrainings.instrumentId, id), eq(instrumentTrainings.userId, userId))).returning();
        if (removed.length === 0) throw errors.notFound('培训记录', 'training');
        await deps.audit.inTransaction(tx, caller.audit, caller.origin, { action: 'instrument.training-revoke', objectType: 'instrument', objectId: id, before: { userId, expiresOn: removed[0]!.expiresOn } });
      });
      return this.trainings(caller.actor, id);
    },
    async rules(actor: Actor) {
      const list = await managedPlatforms(db(), instrumentManageScope(actor));
      const own = providerPlatformOf(actor);
      // a platform without instruments yet still sees its own rules
      if (own && !list.some((p) => p.id === own)) list.push(await managedPlatform(actor, own));
      return { items: await Promise.all(list.map(async (p) => ({ platformId: p.id, platformName: p.name, ...(await rulesOfPlatform(db(), p.id)) }))) };
    },
    async setRules(caller: Caller, platformId: string, rules: z.infer<typeof bookingRulesSchema>) {
      const p = await managedPlatform(caller.actor, platformId);
      await inTransaction(deps, async (tx) => {
        const before = await rulesOfPlatform(tx, platformId);
        await saveRules(tx, platformId, rules, caller.audit.userId, deps.clock());
        await deps.audit.inTransaction(tx, caller.audit, caller.origin, { action: 'booking.rules-update', objectType: 'platform', objectId: platformId, before, after: rules });
      });
      return { platformId, platformName: p.name, ...rules, isDefault: false };
    },
    /** An enterprise's standing per platform it books on: strikes, the limit, and a suspension if any. */
    async standing(actor: Actor) {
      if (actor.role !== 'enterprise' || actor.scope?.kind !== 'enterprise') return { items: [] };
      const now = deps.clock();
      const enterpriseId = actor.scope.id;
      const list = await platformsBookedBy(db(), enterpriseId);
      return {
        items: await Promise.all(
          list.map(async (p) => {
            const rules = await rulesOfPlatform(db(), p.id);
            const s = suspensionOf(await strikesOf(db(), enterpriseId, p.id, new Date(now.getTime() - rules.windowDays * DAY_MS)), rules, now);
            return { platformId: p.id, platformName: p.name, noShows: s.noShows, lateCancels: s.lateCancels, strikes: s.strikes, limit: rules.noShowLimit, suspendedUntil: s.suspendedUntil?.toISOString() ?? null };
          }),
        ),
      };
    },
  };
}
