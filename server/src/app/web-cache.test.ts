import { describe, expect, it } from 'vitest';
import { webCacheControl } from './build-app.ts';

/** Issue 17, first load: which files of the web build a browser may keep, and which it must ask about again. */
describe('cache headers of the web build', () => {
  it('lets a browser keep hashed files (and their compressed forms) for a year', () => {
    for (const file of ['/srv/web/dist/assets/index-CwZYyJA4.js', '/srv/web/dist/assets/echarts-BkIDL3tE.js.br', '/srv/web/dist/assets/index-O3Sq3jaI.css.gz', '/srv/web/dist/assets/shared-Ab_c-123.js']) {
      expect(webCacheControl(file), file).toBe('public, max-age=31536000, immutable');
    }
  });

  it('revalidates everything that is not named by its content', () => {
    for (const file of ['/srv/web/dist/index.html', '/srv/web/dist/index.html.gz', '/srv/web/dist/favicon.svg', '/srv/web/dist/assets/logo.svg', 'index.html']) {
      expect(webCacheControl(file), file).toBe('no-cache');
    }
  });
});
