/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { firehoseDemo } from './tools/demo/vitePlugin';

// The demo broker and publisher run only inside the dev server (`npm start`); the production build is
// static files that read their defaults from a deployer-edited `config.json` beside `index.html`.
export default defineConfig({
  plugins: [react(), firehoseDemo()],
  server: { host: '127.0.0.1', strictPort: true },
  preview: { host: '127.0.0.1', strictPort: true },
  build: { target: 'es2022', sourcemap: true },
  test: {
    include: ['src/**/*.test.ts', 'tools/**/*.test.ts'],
    environment: 'node',
  },
});
