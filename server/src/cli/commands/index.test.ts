import { describe, expect, it } from 'vitest';
import { REGISTRY_ENTITIES } from '../../modules/registry-io/entities.ts';
import { COMMANDS, REGISTRY_ENTITY_NAMES } from './index.ts';
import { main } from '../main.ts';

describe('the command table', () => {
  it('names the registry entities REGISTRY_ENTITIES has, in its order', () => {
    expect(REGISTRY_ENTITY_NAMES).toBe(REGISTRY_ENTITIES.map((e) => e.name).join('|'));
  });

  it('prints every command of the table in the help', async () => {
    let printed = '';
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => ((printed += chunk), true)) as typeof process.stdout.write;
    try {
      expect(await main(['--help'])).toBe(0);
    } finally {
      process.stdout.write = write;
    }
    for (const command of COMMANDS) expect(printed).toContain(command.usage);
  });
});
