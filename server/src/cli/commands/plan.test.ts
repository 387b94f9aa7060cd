import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parsedPolicySchema } from '../../../../contracts/plan-parse.ts';

const run = promisify(execFile);
const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const CLI = path.join(REPO_ROOT, 'bin/biomfg.mjs');
const POLICY = 'policy/jinshan-biomanufacturing-2023.txt';

/** The shared folder lies beside the checkout (CI) or above it: walk up from the repository root. */
function sharedPolicyPath(): string {
  for (let dir = path.resolve(REPO_ROOT); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'shared', POLICY);
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) break;
  }
  // The same text ships with the product; the command is the thing under test.
  return path.join(REPO_ROOT, 'server/src/seed', POLICY);
}

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, env: { ...process.env, DATA_DIR: '/nonexistent-data-dir' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('biomfg plan parse FILE [--json]', () => {
  it('prints the parsed plan as JSON that follows the contract', async () => {
    const { code, stdout } = await cli(['plan', 'parse', sharedPolicyPath(), '--json']);
    expect(code).toBe(0);
    const plan = parsedPolicySchema.parse(JSON.parse(stdout));
    expect(plan.goals).toHaveLength(4);
    expect(plan.goals.map((g) => [g.year, g.metric, g.value, g.unit])).toEqual([
      [2025, '产业规模', 500, '亿元'],
      [2025, '制造业产值', 300, '亿元'],
      [2030, '产业规模', 1000, '亿元'],
      [2030, '制造业产值', 800, '亿元'],
    ]);
    expect(plan.tasks.filter((t) => t.kind === 'task')).toHaveLength(10);
  }, 60_000);

  it('prints a readable summary without --json', async () => {
    const { code, stdout } = await cli(['plan', 'parse', sharedPolicyPath()]);
    expect(code).toBe(0);
    expect(stdout).toContain('发展目标 goals (4)');
    expect(stdout).toContain('2025  产业规模 突破 500 亿元');
    expect(stdout).toContain('主要任务 tasks (10)');
    expect(stdout).toContain('保障措施 safeguards (4)');
  }, 60_000);

  it('exits non-zero naming the file when it cannot be read or is not a policy text', async () => {
    const missing = await cli(['plan', 'parse', 'no/such/policy.txt']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('no/such/policy.txt');
    expect(missing.stderr).toMatch(/no such file/);
    const directory = await cli(['plan', 'parse', CLI.replace(/biomfg\.mjs$/, ''), '--json']);
    expect(directory.code).not.toBe(0);
    expect(JSON.parse(directory.stdout).error).toMatch(/directory/);
  }, 60_000);

  it('prints baselines apart from goals, and marks approximate targets', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-parse-'));
    const file = path.join(dir, 'policy.txt');
    fs.writeFileSync(file, '某区生物医药产业发展实施意见\n(2024年3月1日)\n一、发展基础\n2023年,全区规上工业企业136家。\n二、发展目标\n到2026年,产业规模达到200亿元左右。\n');
    try {
      const json = await cli(['plan', 'parse', file, '--json']);
      expect(json.code).toBe(0);
      const plan = parsedPolicySchema.parse(JSON.parse(json.stdout));
      expect(plan.baselines?.map((b) => [b.year, b.metric, b.value, b.unit])).toEqual([[2023, '规上工业企业', 136, '家']]);
      expect(plan.goals.map((g) => [g.year, g.value, g.approximate])).toEqual([[2026, 200, true]]);
      const text = await cli(['plan', 'parse', file]);
      expect(text.stdout).toContain('现状基数 baselines (1)');
      expect(text.stdout).toContain('2026  产业规模 左右 200 亿元  (约 approximate)');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
