import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// One page per mode: `vite build --mode graphiql` and `vite build --mode voyager` each write a
// self-contained page (HTML, hashed scripts, styles, workers) into the jar's static resources, served at
// /graphiql/ and /voyager/. Paths are relative, so the pages work under any context path, and nothing
// is loaded from another origin (the server's Content-Security-Policy says so too).
const PAGES = ['graphiql', 'voyager'];

export default defineConfig(({ mode }) => {
  if (!PAGES.includes(mode)) {
    throw new Error(`build one page at a time: --mode ${PAGES.join(' or --mode ')}`);
  }
  return {
    root: resolve(import.meta.dirname, mode),
    base: './',
    publicDir: false,
    build: {
      outDir: resolve(import.meta.dirname, '../src/main/resources/static', mode),
      emptyOutDir: true,
      sourcemap: false,
      // no data: URLs for our own assets: every file is a request to our origin, cacheable by its hash
      assetsInlineLimit: 0,
      chunkSizeWarningLimit: 4096,
      reportCompressedSize: false,
      rolldownOptions: {
        onwarn(warning, warn) {
          // MUI and Radix mark their modules 'use client' for server components; meaningless in a bundle
          if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') {
            warn(warning);
          }
        },
      },
    },
    worker: {
      format: 'es',
    },
  };
});
