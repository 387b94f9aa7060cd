import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError } from '../config/config.ts';
import { DataDirLockedError } from '../db/data-dir-lock.ts';
import { MigrationError } from '../db/migrate.ts';
import { CliError, createOutput, type Output } from './output.ts';
import { COMMANDS } from './commands/index.ts';

/** What a command's implementation receives: the parsed flags, the positional words and the output. */
export interface CommandArgs {
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
  out: Output;
}

export interface CommandSpec {
  /** e.g. "user create" */
  name: string;
  usage: string;
  summary: string;
  options?: ParseArgsConfig['options'];
  run: (args: CommandArgs) => Promise<void>;
}

const HELP_HEADER = `biomfg — 金山区生物制造产业运行与服务平台 command line

Environment: DATA_DIR (embedded database folder, default ./data) or DATABASE_URL (PostgreSQL).
Every command exits non-zero on failure; --json prints machine-readable output on stdout.
`;

function helpText(): string {
  return `${HELP_HEADER}\nCommands:\n${COMMANDS.map((c) => `  ${c.usage.padEnd(64)} ${c.summary}`).join('\n')}\n`;
}

export async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    process.stdout.write(helpText());
    return argv.length === 0 ? 1 : 0;
  }
  const command = COMMANDS.find((c) => {
    const words = c.name.split(' ');
    return words.every((w, i) => argv[i] === w);
  });
  const json = argv.includes('--json');
  const out = createOutput(json);
  if (!command) {
    out.info(`未知命令 / unknown command: ${argv.slice(0, 2).join(' ')}\n`);
    process.stderr.write(helpText());
    return 2;
  }
  const rest = argv.slice(command.name.split(' ').length);
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, ...(command.options ?? {}) },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) {
      process.stdout.write(`usage: biomfg ${command.usage}\n${command.summary}\n`);
      return 0;
    }
    await command.run({ values: values as Record<string, string | boolean | undefined>, positionals, out });
    return 0;
  } catch (error) {
    return reportError(out, error, command);
  }
}

function reportError(out: Output, error: unknown, command: CommandSpec): number {
  const known = error instanceof CliError || error instanceof ConfigError || error instanceof DataDirLockedError || error instanceof MigrationError;
  const message = error instanceof Error ? error.message : String(error);
  if ((error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || (error as { code?: string }).code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    out.info(`参数错误 / invalid arguments: ${message}\nusage: biomfg ${command.usage}`);
    if (out.json) process.stdout.write(`${JSON.stringify({ error: message })}\n`);
    return 2;
  }
  out.info(`错误 / error: ${message}`);
  if (!known && process.env.BIOMFG_DEBUG) out.info(String((error as Error).stack));
  if (out.json) process.stdout.write(`${JSON.stringify({ error: message })}\n`);
  return error instanceof CliError ? error.exitCode : 1;
}
