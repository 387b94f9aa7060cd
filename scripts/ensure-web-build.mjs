// Builds the web app when web/dist is missing or older than its sources, so `npm start` right after
// `npm ci` serves the current UI without a separate build step.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const index = path.join(root, 'web', 'dist', 'index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

const sources = [path.join(root, 'web', 'src'), path.join(root, 'contracts')].filter((d) => fs.existsSync(d));
const built = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
const newest = Math.max(...sources.map(newestMtime), fs.statSync(path.join(root, 'web', 'index.html')).mtimeMs);
if (built >= newest) process.exit(0);
console.error('[web] 正在构建前端 / building the web app…');
const result = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
