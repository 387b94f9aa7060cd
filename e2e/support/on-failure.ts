import { beforeEach } from 'vitest';
import { pageWatches } from './browser.ts';
import { runningOutputs } from './server.ts';

/**
 * When a journey step fails, print what a developer reading CI's log needs and cannot get afterwards: the API
 * answers the pages were refused (status, path, start of the body) and the end of each running server's
 * output. A timed-out `waitFor` alone says only that something did not appear.
 */
beforeEach(({ onTestFailed }) => {
  onTestFailed(() => {
    const refused = pageWatches.flatMap((watch) => watch.apiFailures);
    const lines = ['[e2e] the step failed; API answers ≥ 400 on its pages:', ...(refused.length ? refused.slice(-20).map((line) => `  ${line}`) : ['  (none)'])];
    for (const output of runningOutputs) lines.push('[e2e] end of the server output:', output().slice(-3000) || '  (empty)');
    console.log(lines.join('\n'));
  });
});
