// Summarises a V8 CPU profile (Profiler.stop) into top self-time functions, mapping minified positions back
// to source files through the build's source maps (a minimal VLQ decoder: no dependency needed).
import { readFile } from 'node:fs/promises';
import path from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
}
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

const B64 = new Map(
  [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].map((c, i) => [c, i]),
);

interface SourceMap {
  sources: string[];
  names: string[];
  /** Per generated line: segments [genCol, src, origLine, origCol, name?] sorted by genCol. */
  lines: number[][][];
}

function decodeVlq(segment: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of segment) {
    const digit = B64.get(ch);
    if (digit === undefined) break;
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

function parseSourceMap(json: { sources: string[]; names?: string[]; mappings: string }): SourceMap {
  const lines: number[][][] = [];
  let src = 0;
  let oLine = 0;
  let oCol = 0;
  let name = 0;
  for (const line of json.mappings.split(';')) {
    let gCol = 0;
    const segs: number[][] = [];
    if (line) {
      for (const seg of line.split(',')) {
        const v = decodeVlq(seg);
        gCol += v[0] ?? 0;
        if (v.length >= 4) {
          src += v[1] ?? 0;
          oLine += v[2] ?? 0;
          oCol += v[3] ?? 0;
          if (v.length >= 5) {
            name += v[4] ?? 0;
            segs.push([gCol, src, oLine, oCol, name]);
          } else segs.push([gCol, src, oLine, oCol]);
        }
      }
    }
    lines.push(segs);
  }
  return { sources: json.sources, names: json.names ?? [], lines };
}

function lookup(
  map: SourceMap,
  line: number,
  col: number,
): { source: string; line: number; name?: string } | null {
  const segs = map.lines[line];
  if (!segs || segs.length === 0) return null;
  let lo = 0;
  let hi = segs.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if ((segs[mid]?.[0] ?? 0) <= col) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (best < 0) best = 0;
  const s = segs[best] as number[];
  // The function's own name is usually on a segment at or just after its start position.
  let name: string | undefined;
  for (let k = best; k < Math.min(segs.length, best + 3) && name === undefined; k++) {
    const n = segs[k]?.[4];
    if (n !== undefined) name = map.names[n];
  }
  const source = (map.sources[s[1] ?? 0] ?? '?').replace(/^(\.\.\/)+/, '').replace(/^\/?work\/main\//, '');
  return { source, line: (s[2] ?? 0) + 1, ...(name ? { name } : {}) };
}

/** Source maps for scripts served from `distDir` (by URL path + '.map'), cached. */
export function sourceMapResolver(origin: string, distDir: string) {
  const cache = new Map<string, Promise<SourceMap | null>>();
  return (url: string): Promise<SourceMap | null> => {
    if (!url.startsWith(origin)) return Promise.resolve(null);
    let p = cache.get(url);
    if (!p) {
      const rel = new URL(url).pathname.replace(/^\/+/, '');
      p = readFile(path.join(distDir, `${rel}.map`), 'utf8')
        .then((t) => parseSourceMap(JSON.parse(t) as Parameters<typeof parseSourceMap>[0]))
        .catch(() => null);
      cache.set(url, p);
    }
    return p;
  };
}

export interface HotFunction {
  selfMs: number;
  share: number;
  label: string;
}

/** Top `n` functions by self time; shares are of the non-idle sampled time. */
export async function topSelfTime(
  profile: CpuProfile,
  resolve: (url: string) => Promise<SourceMap | null>,
  n = 20,
): Promise<{ busyMs: number; totalMs: number; top: HotFunction[] }> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  // timeDeltas[i] is the time since the previous sample; attribute the gap after sample i to it.
  for (let i = 0; i < samples.length; i++) {
    const id = samples[i] as number;
    const dt = deltas[i + 1] ?? 0;
    selfUs.set(id, (selfUs.get(id) ?? 0) + dt);
  }
  const agg = new Map<string, number>();
  let busy = 0;
  let total = 0;
  for (const [id, us] of selfUs) {
    total += us;
    const node = byId.get(id);
    if (!node) continue;
    const cf = node.callFrame;
    if (cf.functionName === '(idle)') continue;
    busy += us;
    let label: string;
    const map = cf.url ? await resolve(cf.url) : null;
    const pos = map ? lookup(map, cf.lineNumber, cf.columnNumber) : null;
    const fn = cf.functionName || '(anonymous)';
    if (pos)
      label = `${pos.name && pos.name !== fn ? `${pos.name} [${fn}]` : fn} — ${pos.source}:${pos.line}`;
    else if (cf.url)
      label = `${fn} — ${cf.url.replace(/^https?:\/\/[^/]+\//, '')}:${cf.lineNumber + 1}:${cf.columnNumber + 1}`;
    else label = fn;
    agg.set(label, (agg.get(label) ?? 0) + us);
  }
  const top = [...agg.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([label, us]) => ({ label, selfMs: us / 1000, share: busy ? us / busy : 0 }));
  return { busyMs: busy / 1000, totalMs: total / 1000, top };
}

/** Self time summed per source file (node_modules collapsed to the package). */
export async function selfTimeByFile(
  profile: CpuProfile,
  resolve: (url: string) => Promise<SourceMap | null>,
): Promise<Array<{ file: string; selfMs: number; share: number }>> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const agg = new Map<string, number>();
  let busy = 0;
  for (let i = 0; i < samples.length; i++) {
    const node = byId.get(samples[i] as number);
    const dt = deltas[i + 1] ?? 0;
    if (!node || node.callFrame.functionName === '(idle)') continue;
    busy += dt;
    const cf = node.callFrame;
    const map = cf.url ? await resolve(cf.url) : null;
    const pos = map ? lookup(map, cf.lineNumber, cf.columnNumber) : null;
    let file = pos?.source ?? (cf.url ? cf.url.replace(/^https?:\/\/[^/]+\//, '') : cf.functionName);
    const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
    if (nm) file = `node_modules/${nm[1]}`;
    agg.set(file, (agg.get(file) ?? 0) + dt);
  }
  return [...agg.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([file, us]) => ({ file, selfMs: us / 1000, share: busy ? us / busy : 0 }));
}
