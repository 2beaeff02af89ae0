// `npm run size`: what each page loads, gzipped, and the biggest contributors.
import { buildAndMeasure } from './bundleSize';

const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
for (const entry of await buildAndMeasure()) {
  console.log(`\n${entry.entry}: ${kb(entry.gzipTotal)} gzipped JavaScript`);
  console.log('| file | raw | gzip |\n|---|---:|---:|');
  for (const f of entry.files) console.log(`| ${f.file} | ${kb(f.bytes)} | ${kb(f.gzip)} |`);
  const packages = new Map<string, number>();
  for (const m of entry.modules) {
    const name = m.includes('node_modules/')
      ? (m
          .split('node_modules/')
          .at(-1)
          ?.split('/')
          .slice(0, m.includes('/@') ? 2 : 1)
          .join('/') ?? m)
      : 'app (src/)';
    packages.set(name, (packages.get(name) ?? 0) + 1);
  }
  console.log(`modules: ${[...packages].map(([k, v]) => `${k} ×${v}`).join(', ')}`);
}
