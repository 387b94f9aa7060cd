#!/usr/bin/env -S node --max-semi-space-size=32
// The `biomfg` command line (SPEC §11). The sources are TypeScript, run through tsx's loader so that an
// operator needs nothing but `npm ci` before `npx biomfg …`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../server/src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
