/// <reference types="vitest/config" />
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { firehoseDemo } from './tools/demo/vitePlugin.ts';
import { securityHeaders } from './tools/securityHeaders.ts';

// The demo broker and publisher run only inside the dev server (`npm start`); the production build is
// static files that read their defaults from a deployer-edited `config.json` beside `index.html`.
// Two pages: the full viewer (index.html) and the lightweight status-page widget (embed.html), which
// shares the session code but none of the log, inspector or dialogs.
export default defineConfig({
  base: './',
  plugins: [react(), firehoseDemo(), securityHeaders()],
  server: { host: '127.0.0.1', strictPort: true },
  preview: { host: '127.0.0.1', strictPort: true },
  build: {
    target: 'es2022',
    sourcemap: true,
    manifest: true,
    // The shared chunk is mqtt.js + React (~170 kB gz) by nature; `npm run size` and the widget budget
    // test watch the real numbers, so Vite's generic 500 kB warning only adds noise.
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      input: {
        main: resolve(import.meta.dirname, 'index.html'),
        embed: resolve(import.meta.dirname, 'embed.html'),
      },
    },
  },
  test: {
    include: ['src/**/*.test.ts', 'tools/**/*.test.ts'],
    environment: 'node',
    // Property-based tests run hundreds of cases; on a loaded two-core machine a few take several
    // seconds. No test asserts on time (figures live in `npm run bench`), so this only avoids false alarms.
    testTimeout: 30_000,
  },
});
