import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { jinshanOutline, precompress } from './vite-plugins.ts';

const webRoot = fileURLToPath(new URL('.', import.meta.url));

/**
 * The bundle is served by the platform's own server on a closed network under a strict CSP
 * (`script-src 'self'`): everything must be bundled, nothing inline, nothing from the internet.
 *
 * First load (docs/decisions/0031-first-load.md): every module the first screen needs goes into one chunk
 * beside the entry; ECharts (with only the charts and components the pages register) is one chunk loaded by
 * the pages that draw charts; the rest of the UI library is one chunk shared by the feature pages; feature
 * pages stay one chunk each. Fewer, cacheable files instead of dozens of small ones.
 */
export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react(), jinshanOutline(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // Inline assets would become data: URLs; fonts/scripts must stay files so the CSP applies cleanly.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // Groups split by the pages using them get names listing those pages; the hash alone identifies them.
        chunkFileNames: (chunk) => (chunk.name.includes('~') ? `assets/${chunk.name.split('~')[0]}-[hash].js` : 'assets/[name]-[hash].js'),
        codeSplitting: {
          groups: [
            // React and the router change only with an upgrade: a file of their own stays cached across releases.
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|cookie|set-cookie-parser)[\\/]/, priority: 40 },
            { name: 'app-initial', tags: ['$initial'], priority: 30 },
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender|echarts-for-react|size-sensor)[\\/]/, priority: 20 },
            { name: 'ui', test: /node_modules[\\/]/, priority: 10 },
            // Small app helpers nearly every page uses (data loading, error and header components, date fields, the
            // reference names): one file, instead of several sub-kilobyte groups that each cost a request.
            { name: 'app-common', test: /[\\/]web[\\/]src[\\/](app[\\/](use-async|import-stream|pages[\\/]load-error|layout[\\/]page-header|forms[\\/])|features[\\/]registries[\\/]shared[\\/]reference\.ts)/, priority: 6 },
            // App code shared by pages, grouped by the set of pages using it (a chart helper does not drag ECharts into
            // every page); small groups merge into their neighbours.
            { name: () => 'shared', debugName: 'shared', test: /[\\/](web[\\/]src|contracts)[\\/]/, minShareCount: 2, priority: 5, entriesAware: true, entriesAwareMergeThreshold: 100 * 1024 },
          ],
        },
      },
    },
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
