import { defineConfig } from 'vite';

// The API server the dev server and `vite preview` forward to (`npm start` listens on 3000).
const apiOrigin = 'http://127.0.0.1:3000';
const proxy = { '/v1': apiOrigin, '/healthz': apiOrigin, '/readyz': apiOrigin };

// Splits React (with the router) into a chunk that changes rarely, so a release of the app itself
// does not invalidate it in the customer's browser cache. antd-mobile is NOT forced into one chunk:
// a forced chunk holds every component any page uses (the signature pad's, the image viewer's…) and
// all of it loaded on the home page: issue #18's first-load bound is 300 KB (e2e/landing.test.ts);
// the home page moved 297.6 KB with that chunk and 267.0 KB without it (4 December 2026).
// Left to Rollup, each component goes with the pages that use it. Other libraries likewise (a
// signature pad or a PDF viewer loads with its page, not on the home page).
function vendorChunk(id: string): string | undefined {
  if (!id.includes('node_modules')) return undefined;
  if (/node_modules\/(react|react-dom|scheduler|react-router|react-router-dom)\//.test(id)) return 'react';
  return undefined;
}

export default defineConfig({
  base: '/',
  // There is no @vitejs/plugin-react: Vite's own esbuild compiles the JSX.
  esbuild: { jsx: 'automatic' },
  resolve: {
    // The repo root holds a stray React 18 (a peer of some root package) while this app uses
    // React 19 from its own node_modules; libraries hoisted to the root (antd-mobile, react-router,
    // TanStack Query) must import the same single copy, or hooks break at runtime.
    dedupe: ['react', 'react-dom', 'i18next', 'react-i18next'],
  },
  server: { proxy },
  preview: { proxy },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: {
      output: { manualChunks: vendorChunk },
      onwarn(warning, warn) {
        // React Server Components directives ("use client") mean nothing in a client-only bundle.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
});
