import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Plugin } from 'vite';

export interface EntrySize {
  entry: string;
  /** JS files the page loads at start (its chunk plus every chunk it imports statically). */
  files: Array<{ file: string; bytes: number; gzip: number }>;
  gzipTotal: number;
  /** Source modules bundled into those files, relative to the project root. */
  modules: string[];
}

interface ManifestChunk {
  file: string;
  imports?: string[];
  isEntry?: boolean;
}

/**
 * Builds the app into a temporary folder and measures what each page loads: the widget budget test and
 * `npm run size` both use it, so the number in the test is the number a person sees.
 */
export async function buildAndMeasure(root = process.cwd()): Promise<EntrySize[]> {
  const outDir = await mkdtemp(join(tmpdir(), 'firehose-size-'));
  const modulesByFile = new Map<string, string[]>();
  const capture: Plugin = {
    name: 'capture-chunk-modules',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type === 'chunk') modulesByFile.set(chunk.fileName, chunk.moduleIds);
      }
    },
  };
  try {
    // Vitest sets NODE_ENV=test, which would bundle React's development build: measure production.
    const previousEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    await build({
      root,
      mode: 'production',
      logLevel: 'silent',
      plugins: [capture],
      build: { outDir, emptyOutDir: true, sourcemap: false },
    }).finally(() => {
      process.env.NODE_ENV = previousEnv;
    });
    const manifest = JSON.parse(await readFile(join(outDir, '.vite', 'manifest.json'), 'utf8')) as Record<
      string,
      ManifestChunk
    >;
    const results: EntrySize[] = [];
    for (const entry of ['index.html', 'embed.html']) {
      const seen = new Set<string>();
      const visit = (key: string) => {
        if (seen.has(key)) return;
        seen.add(key);
        for (const imported of manifest[key]?.imports ?? []) visit(imported);
      };
      visit(entry);
      // Workers are started with `new Worker(new URL(...))`, which the manifest does not list as an
      // import: find the worker chunks the page's own chunks name, and count them as loaded at start.
      for (const key of [...seen]) {
        const file = manifest[key]?.file;
        if (!file?.endsWith('.js')) continue;
        const text = await readFile(join(outDir, file), 'utf8');
        for (const m of text.matchAll(/[\w.-]+\.worker-[\w-]+\.js/g)) seen.add(`worker:assets/${m[0]}`);
      }
      // A page starts one of its two connection workers, never both: the shared one, or the dedicated
      // one where SharedWorker is missing or the view says share=0. Both hold mqtt.js; count the shared one.
      if ([...seen].some((k) => /^worker:assets\/shared\.worker-/.test(k))) {
        for (const k of [...seen]) if (/^worker:assets\/ingest\.worker-/.test(k)) seen.delete(k);
      }
      const files = [];
      const modules: string[] = [];
      for (const key of seen) {
        const file = key.startsWith('worker:') ? key.slice('worker:'.length) : manifest[key]?.file;
        if (!file?.endsWith('.js')) continue;
        const content = await readFile(join(outDir, file));
        files.push({ file, bytes: content.byteLength, gzip: gzipSync(content, { level: 9 }).byteLength });
        for (const id of modulesByFile.get(file) ?? []) modules.push(relative(root, id.replace(/^\0/, '')));
      }
      results.push({ entry, files, gzipTotal: files.reduce((sum, f) => sum + f.gzip, 0), modules });
    }
    return results;
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}
