import { AppError } from '../../app/errors.ts';
import { consoleOperatorCaller } from '../../modules/registry-common/caller.ts';
import { policyEligibility } from '../../modules/services-policies/index.ts';
import { withDatabase } from '../context.ts';
import type { CommandArgs } from '../main.ts';
import { CliError } from '../output.ts';

/** `policies eligible CODE [--json]` (SPEC §11): `{policy, mode, eligible:[{uscc, name}], missing:[{uscc, lacks}]}`. */
export async function runPoliciesEligible({ positionals, out }: CommandArgs): Promise<void> {
  if (positionals.length !== 1) throw new CliError('需要一个政策编码 / exactly one policy CODE is required: policies eligible CODE [--json]', 2);
  const code = positionals[0]!;
  await withDatabase(out, async (database) => {
    let view;
    try {
      // The console operator sees the whole district (it already holds the database files).
      view = await policyEligibility(database.db, consoleOperatorCaller().actor, code, new Date());
    } catch (error) {
      if (error instanceof AppError && error.status === 404) throw new CliError(`未知的政策编码 / unknown policy code: ${code}`, 1);
      throw error;
    }
    const json = {
      policy: view.policy,
      mode: view.mode,
      eligible: view.eligible.map((e) => ({ uscc: e.uscc, name: e.name })),
      missing: view.missing.map((m) => ({ uscc: m.uscc, lacks: m.lacks })),
    };
    const lines = [
      `${view.policy} (${view.mode === 'auto' ? '免申即享 auto' : '快申快享 apply'}): ${view.eligible.length} eligible, ${view.missing.length} not`,
      ...view.eligible.map((e) => `  ✓ ${e.uscc}  ${e.name}${e.awarded ? '  [awarded]' : ''}`),
      ...view.missing.map((m) => `  ✗ ${m.uscc}  ${m.name}  lacks: ${m.lacks.join(', ')}`),
    ];
    out.result(lines.join('\n'), json);
  });
}
