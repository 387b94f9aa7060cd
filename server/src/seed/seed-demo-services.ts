import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { instrumentTrainings, instruments, platforms, servicePolicies, users } from '../db/schema/index.ts';
import { consoleOperatorCaller } from '../modules/registry-common/caller.ts';
import { policyEligibility } from '../modules/services-policies/index.ts';
import { createRng } from '../domain/demo/prng.ts';
import type { DemoDataset } from '../domain/demo/types.ts';
import { bookingAmount } from '../domain/services/booking.ts';
import { shanghaiDate } from '../domain/services/working-time.ts';
import { stepClock } from '../modules/services-requests/request.service.ts';
import { loadSlaSettings } from '../modules/services-requests/request.repository.ts';
import { DEMO_POLICIES } from './demo-policies.ts';

const DAY_MS = 86_400_000;
const at = (day: string, hour: number) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`);

const REQUEST_TOPICS: Record<string, string[]> = {
  talent: ['博士后工作站申报咨询', '外籍研发人员工作许可办理', '一线技工招聘对接'],
  permits: ['药品生产许可证变更', '二类医疗器械注册检验排队', '食品生产许可证延续'],
  environment: ['发酵尾气排放标准咨询', '危废处置单位对接', '环评批复变更'],
  finance: ['设备购置贴息申报', '科技贷款担保对接', '研发费用加计扣除口径'],
  technology: ['中试放大合作伙伴推荐', '科技项目结题验收', '高新技术企业认定辅导'],
  land: ['二期厂房用地指标', '标准厂房租赁续约', '园区内仓储用地调整'],
  customs: ['生物样本进口通关', '研发用物品进口便利', '出口原料药退税'],
  park: ['园区班车线路调整', '厂区污水管网接驳', '员工公寓申请'],
  other: ['企业展会参展补贴', '政策宣讲会报名', '用电增容'],
};

/**
 * Demo data of the enterprise services (issue 14): the instrument catalogue of every demo platform with
 * trainings and two months of bookings (none overlapping: the constraint would refuse them), ~120 enterprise
 * requests over the last quarter in every state (some past their SLA), and the district's support policies
 * with a confirmed 免申即享 list. Deterministic for a seed.
 */
export async function seedDemoServices(tx: Db, dataset: DemoDataset, enterpriseIds: ReadonlyMap<string, string>, seed: number, now: Date) {
  // One stream per section, so a second run (which adds no instruments, hence no bookings) draws the same requests.
  let rng = createRng(seed, 'services', 'bookings');
  const platformRows = await tx.select({ id: platforms.id, code: platforms.code }).from(platforms);
  const platformIds = new Map(platformRows.map((p) => [p.code, p.id]));
  const ents = [...enterpriseIds.values()];
  const demoEnterpriseUser = (await tx.select({ id: users.id, scopeId: users.scopeId }).from(users).where(sql`${users.username} = 'demo_enterprise'`))[0];

  // Catalogue: the dataset's instruments of each platform, priced for the three user categories.
  const instrumentRows: { id: string; opens: number; closes: number; price: string }[] = [];
  for (const p of dataset.platforms) {
    const platformId = platformIds.get(p.code.replace(/^(cro|cdmo|cmo)-platform-demo-ent-/, '$1-platform-'));
    if (!platformId) continue;
    for (const i of p.instruments) {
      const fee = Math.max(20, Math.round(i.hourlyFeeYuan));
      const [row] = await tx
        .insert(instruments)
        .values({
          code: i.code.toUpperCase(),
          platformId,
          name: i.nameZh,
          kind: p.kind,
          location: `${p.nameZh} 实验楼`,
          rules: '首次使用须完成上机培训;取消请至少提前 24 小时;迟到 30 分钟视为爽约。',
          requiresTraining: fee >= 150,
          priceInDistrict: `${fee}.00`,
          priceOutside: `${Math.round(fee * 1.5)}.00`,
          priceAcademic: `${Math.round(fee * 0.8)}.00`,
          opensAt: '08:00',
          closesAt: '20:00',
          isDemo: true,
        })
        .onConflictDoNothing({ target: instruments.code })
        .returning({ id: instruments.id });
      if (row) instrumentRows.push({ id: row.id, opens: 8, closes: 20, price: `${fee}.00` });
    }
  }
  const today = shanghaiDate(now);
  if (demoEnterpriseUser) {
    const trained = instrumentRows.slice(0, Math.min(6, instrumentRows.length));
    for (const [k, ins] of trained.entries()) {
      await tx
        .insert(instrumentTrainings)
        .values({ instrumentId: ins.id, userId: demoEnterpriseUser.id, trainedOn: shanghaiDate(new Date(now.getTime() - 200 * DAY_MS)), expiresOn: shanghaiDate(new Date(now.getTime() + (k === 0 ? 20 : 365) * DAY_MS)) })
        .onConflictDoNothing();
    }
  }

  // Bookings: each instrument's day has three fixed slots (09–11, 13–15, 16–18), so no two overlap.
  let bookings = 0;
  for (const ins of instrumentRows) {
    for (let d = -60; d <= 14; d++) {
      const day = shanghaiDate(new Date(now.getTime() + d * DAY_MS));
      const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
      if (weekday === 0 || weekday === 6) continue;
      for (const [startHour, endHour] of [[9, 11], [13, 15], [16, 18]] as const) {
        if (!rng.chance(0.28)) continue;
        const start = at(day, startHour);
        const end = at(day, endHour);
        const past = end.getTime() <= now.getTime();
        const status = past ? rng.weighted(['completed', 'no-show', 'declined', 'cancelled'], [80, 4, 8, 8]) : rng.weighted(['approved', 'requested', 'cancelled'], [60, 30, 10]);
        const enterpriseId = demoEnterpriseUser?.scopeId && rng.chance(0.08) ? demoEnterpriseUser.scopeId : rng.pick(ents);
        const category = rng.chance(0.85) ? 'in-district' : 'outside';
        const price = category === 'in-district' ? ins.price : `${Math.round(Number(ins.price) * 1.5)}.00`;
        await tx.execute(sql`INSERT INTO instrument_bookings (instrument_id, enterprise_id, period, status, user_category, price_per_hour, amount, purpose, decided_at, is_demo, created_at)
          VALUES (${ins.id}, ${enterpriseId}, tstzrange(${start}::timestamptz, ${end}::timestamptz, '[)'), ${status}, ${category}, ${price}, ${bookingAmount(price, (endHour - startHour) * 60)},
                  ${rng.pick(['样品检测', '工艺验证', '方法开发', '质量放行检验', '中试批次'])}, ${status === 'requested' ? null : new Date(start.getTime() - 2 * DAY_MS)}, true, ${new Date(start.getTime() - 5 * DAY_MS)})`);
        bookings++;
      }
    }
  }

  // Requests over the last 90 days, handled more slowly the further back they are open.
  rng = createRng(seed, 'services', 'requests');
  const settings = await loadSlaSettings(tx);
  const routes = await tx.execute(sql`SELECT category, target_kind, target_id FROM service_request_routes`);
  const routeRows = rowsOf<{ category: string; target_kind: string; target_id: string | null }>(routes);
  const zoneOf = new Map(rowsOf<{ id: string; zone_id: string | null }>(await tx.execute(sql`SELECT id, zone_id FROM enterprises`)).map((r) => [r.id, r.zone_id]));
  let requests = 0;
  for (let n = 0; n < 120; n++) {
    const route = rng.pick(routeRows.filter((r) => REQUEST_TOPICS[r.category]));
    const enterpriseId = n < 4 && demoEnterpriseUser?.scopeId ? demoEnterpriseUser.scopeId : rng.pick(ents);
    const target = route.target_kind === 'enterprise-zone' ? { kind: 'zone', id: zoneOf.get(enterpriseId) ?? null } : { kind: route.target_kind, id: route.target_id };
    if (!target.id) continue;
    const submittedAt = new Date(now.getTime() - rng.int(1, 90) * DAY_MS + rng.int(-4, 4) * 3600_000);
    const ack = stepClock(settings, 'acknowledge', submittedAt);
    const resolve = stepClock(settings, 'resolve', submittedAt);
    const age = (now.getTime() - submittedAt.getTime()) / DAY_MS;
    const roll = rng.next();
    const status = age < 2 ? (roll < 0.5 ? 'submitted' : 'accepted') : roll < 0.06 ? 'submitted' : roll < 0.18 ? 'accepted' : roll < 0.3 ? 'replied' : 'closed';
    const acceptedAt = status === 'submitted' ? null : new Date(submittedAt.getTime() + rng.float(0.1, rng.chance(0.85) ? 1 : 3) * DAY_MS);
    const repliedAt = status === 'replied' || status === 'closed' ? new Date(acceptedAt!.getTime() + rng.float(0.5, rng.chance(0.8) ? 6 : 14) * DAY_MS) : null;
    const rating = status === 'closed' ? rng.weighted([5, 4, 3], [60, 30, 10]) : null;
    const code = `SQ${shanghaiDate(submittedAt).replaceAll('-', '')}-D${String(n + 1).padStart(3, '0')}`;
    const title = rng.pick(REQUEST_TOPICS[route.category]!);
    const inserted = await tx.execute(sql`INSERT INTO service_requests (code, enterprise_id, category, title, description, target_kind, target_id, status, submitted_at,
        acknowledge_due_at, acknowledge_remind_at, resolve_due_at, resolve_remind_at, accepted_at, plan, replied_at, reply, rating, rated_at, is_demo, created_at, updated_at)
      VALUES (${code}, ${enterpriseId}, ${route.category}, ${title}, ${`【演示数据】${title},请协调办理。`}, ${target.kind}, ${target.id}, ${status}, ${submittedAt},
        ${ack.dueAt}, ${ack.remindAt}, ${resolve.dueAt}, ${resolve.remindAt}, ${acceptedAt}, ${acceptedAt ? '已受理,安排专人跟进。' : null}, ${repliedAt},
        ${repliedAt ? '已协调相关科室办理,详见回复函。' : null}, ${rating}, ${rating ? repliedAt : null}, true, ${submittedAt}, ${repliedAt ?? acceptedAt ?? submittedAt})
      ON CONFLICT (code) DO NOTHING RETURNING id`);
    const id = rowsOf<{ id: string }>(inserted)[0]?.id;
    if (!id) continue;
    const events: [string, string | null, string, Date][] = [['submit', null, 'submitted', submittedAt]];
    if (acceptedAt) events.push(['accept', 'submitted', 'accepted', acceptedAt]);
    if (repliedAt) events.push(['reply', 'accepted', 'replied', repliedAt]);
    if (rating) events.push(['rate', 'replied', 'closed', repliedAt!]);
    for (const [action, from, to, when] of events) {
      await tx.execute(sql`INSERT INTO service_request_events (request_id, action, from_status, to_status, actor_name, occurred_at) VALUES (${id}, ${action}, ${from}, ${to}, '演示数据', ${when})`);
    }
    requests++;
  }

  // Policies, and a confirmed 免申即享 list for the first one (half of those eligible when it was seeded).
  for (const p of DEMO_POLICIES) await tx.insert(servicePolicies).values({ ...p, isDemo: true }).onConflictDoNothing({ target: servicePolicies.code });
  const first = await policyEligibility(tx, consoleOperatorCaller().actor, DEMO_POLICIES[0]!.code, now);
  const [policy] = await tx.select({ id: servicePolicies.id, amount: servicePolicies.amount }).from(servicePolicies).where(sql`${servicePolicies.code} = ${first.policy}`);
  const toAward = first.eligible.slice(0, Math.ceil(first.eligible.length / 2)).map((e) => e.uscc);
  let awards = 0;
  for (const uscc of toAward) {
    const rows = await tx.execute(sql`INSERT INTO service_policy_awards (policy_id, enterprise_id, amount, confirmed_at)
      SELECT ${policy!.id}, id, ${policy!.amount}, ${now} FROM enterprises WHERE uscc = ${uscc} ON CONFLICT DO NOTHING RETURNING id`);
    awards += rowsOf(rows).length;
  }
  return { instruments: instrumentRows.length, trainedOn: today, bookings, requests, policies: DEMO_POLICIES.length, awards };
}

/** Rows of a raw statement's result on either engine (both drivers' results carry `rows`). */
function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
