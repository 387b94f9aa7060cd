import { asc, eq } from 'drizzle-orm';
import type { TestApp } from '../../../../test/test-app.ts';
import type { Db } from '../../db/client.ts';
import { planGoals } from '../../db/schema/index.ts';
import { seedPolicyPlan, SEED_PLAN_CODE } from '../../seed/seed-plan.ts';
import { findActiveVersionId, findPlanByCode } from './plan.repository.ts';

export interface PlanFixture {
  planId: string;
  versionId: string;
  goalId: string;
}

/** The district's plan (version 1, active) in a test database; idempotent. */
export async function seedPlanForTest(t: TestApp): Promise<PlanFixture> {
  const db = t.deps.database.db;
  await db.transaction(async (tx) => {
    await seedPolicyPlan(tx as unknown as Db, t.clock.now());
  });
  const plan = (await findPlanByCode(db, SEED_PLAN_CODE))!;
  const versionId = (await findActiveVersionId(db, plan.id))!;
  const [goal] = await db.select({ id: planGoals.id }).from(planGoals).where(eq(planGoals.versionId, versionId)).orderBy(asc(planGoals.ordinal)).limit(1);
  return { planId: plan.id, versionId, goalId: goal!.id };
}

/** A multipart/form-data body with one file field, as a browser sends it. */
export function multipartBody(fileName: string, content: Buffer | string, contentType = 'text/plain', field = 'file') {
  const boundary = `----biomfgTest${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`, 'utf8');
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');
  const body = Buffer.concat([head, typeof content === 'string' ? Buffer.from(content, 'utf8') : content, tail]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A tiny valid version payload (one goal) for write-route tests. */
export function miniVersionPayload(title = '测试规划') {
  const sourceText = '一、发展目标\n到2025年,产业规模突破500亿元。';
  const start = sourceText.indexOf('产业规模');
  return {
    sourceText,
    sourceFileName: null,
    structure: {
      title,
      issuer: null,
      issuedOn: null,
      goals: [{ metric: '产业规模', year: 2025, value: 500, unit: '亿元', comparator: '突破', source: { start, end: sourceText.length - 1 } }],
      domains: [],
      zones: [],
      tasks: [],
      warnings: [],
    },
  };
}
