/** Helpers for command output: human lines on stderr, machine output (--json) alone on stdout. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export interface Output {
  json: boolean;
  info(message: string): void;
  result(human: string, data: unknown): void;
  progress(label: string): (done: number, total: number) => void;
}

export function createOutput(json: boolean): Output {
  return {
    json,
    info(message) {
      process.stderr.write(`${message}\n`);
    },
    result(human, data) {
      if (json) process.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
      else process.stdout.write(`${human}\n`);
    },
    progress(label) {
      let lastPercent = -1;
      const tty = process.stderr.isTTY;
      return (done, total) => {
        const percent = total > 0 ? Math.floor((done / total) * 100) : 100;
        if (percent === lastPercent) return;
        if (!tty && percent % 10 !== 0 && percent !== 100) return;
        lastPercent = percent;
        const bar = '#'.repeat(Math.floor(percent / 5)).padEnd(20, '.');
        const line = `${label} [${bar}] ${percent}% (${done}/${total})`;
        process.stderr.write(tty ? `\r${line}${percent === 100 ? '\n' : ''}` : `${line}\n`);
      };
    },
  };
}
