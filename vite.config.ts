import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { compression } from 'vite-plugin-compression2';

// The web UI lives in web/ and is built to web/dist, which the server serves in production.
export default defineConfig({
  root: 'web',
  // Each text file of the build (JS, CSS, HTML, SVG, JSON) also as .gz and .br beside it, at the
  // best ratio (once, at build time), which the server sends by Accept-Encoding (src/http/web-assets.ts).
  // A file whose compressed form is not smaller is left alone.
  plugins: [react(), compression({ algorithms: ['gzip', 'brotliCompress'], logLevel: 'silent' })],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      // The compression above is CPU work by design (~3.5 s of brotli at the best ratio, run inside
      // vite:build-import-analysis' generateBundle); rolldown's timing hint would print it as a warning
      // at every build (e2e/bundle-size.e2e.test.ts requires none). Not a fault of the output.
      checks: { bundlerTimings: false },
      output: {
        // Large libraries in chunks of their own: React (every page), and the graph drawing and
        // charts that only the lazily loaded network, ledger and dashboard pages need. Each stays
        // under the 500 kB warning line, and a page loads only the libraries it draws with.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 3 },
            { name: 'cytoscape', test: /node_modules[\\/]cytoscape[\\/]/, priority: 2 },
            { name: 'graph-layout', test: /node_modules[\\/](cytoscape-dagre|dagre|@dagrejs|graphlib|lodash)[\\/]/, priority: 2 },
            { name: 'charts', test: /node_modules[\\/](recharts|d3-[\w-]+|victory-vendor|internmap|decimal\.js-light|eventemitter3|es-toolkit|@reduxjs|redux|reselect|immer|react-redux|use-sync-external-store|tiny-invariant|clsx)[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
    },
  },
});
