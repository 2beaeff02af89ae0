import { describe, expect, it } from 'vitest';
import { FULL_APP_CSP, headersFile, headersFor, WIDGET_CSP } from './securityHeaders.ts';

const CSP = 'Content-Security-Policy';

interface Rule {
  path: string;
  lines: string[];
}

function rules(file: string): Rule[] {
  const out: Rule[] = [];
  for (const raw of file.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('/')) out.push({ path: line, lines: [] });
    else out.at(-1)?.lines.push(line);
  }
  return out;
}

/** `/*` matches everything (a splat crosses `/`); any other rule here is a literal path. */
function matches(rule: string, path: string): boolean {
  if (rule.endsWith('*')) return path.startsWith(rule.slice(0, -1));
  return rule === path;
}

/**
 * Cloudflare Pages, as documented: every matching rule applies, in file order; a header set twice is
 * joined with ", "; `! Name` removes what earlier matching rules set.
 */
function cloudflare(file: string, path: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const rule of rules(file).filter((r) => matches(r.path, path))) {
    for (const line of rule.lines) {
      if (line.startsWith('!')) {
        headers.delete(line.slice(1).trim().toLowerCase());
        continue;
      }
      const i = line.indexOf(':');
      const name = line.slice(0, i).trim().toLowerCase();
      const value = line.slice(i + 1).trim();
      const before = headers.get(name);
      headers.set(name, before === undefined ? value : `${before}, ${value}`);
    }
  }
  return headers;
}

/**
 * Netlify, as `@netlify/headers-parser` reads the file (a line without `:` is skipped, so `!` lines are
 * ignored) and `netlify dev` merges matching rules (a later rule's header replaces an earlier one's).
 */
function netlify(file: string, path: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const rule of rules(file).filter((r) => matches(r.path, path))) {
    for (const line of rule.lines) {
      const i = line.indexOf(':');
      if (i < 0) continue;
      headers.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
    }
  }
  return headers;
}

const APP_PATHS = ['/', '/foo', '/index', '/index.html', '/a/b/', '/a/embed.html', '/embed/', '/assets/x.js'];
const WIDGET_PATHS = ['/embed.html', '/embed'];

describe('headersFor (vite preview)', () => {
  it.each(APP_PATHS)('gives %s the full app CSP, framable by its own origin only', (path) => {
    expect(headersFor(path)[CSP]).toBe(FULL_APP_CSP);
    expect(FULL_APP_CSP).toMatch(/frame-ancestors 'self'$/);
  });

  it.each(WIDGET_PATHS)('gives %s the widget CSP, framable anywhere', (path) => {
    expect(headersFor(path)[CSP]).toBe(WIDGET_CSP);
    expect(WIDGET_CSP).toMatch(/frame-ancestors \*$/);
  });

  it('sends nosniff and no-referrer on every path', () => {
    for (const path of [...APP_PATHS, ...WIDGET_PATHS]) {
      expect(headersFor(path)).toMatchObject({
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
      });
    }
  });
});

describe('dist/_headers', () => {
  const file = headersFile();

  it.each([
    ['Cloudflare Pages', cloudflare],
    ['Netlify', netlify],
  ] as const)('gives every path exactly one CSP, the one vite preview sends, on %s', (_host, serve) => {
    for (const path of [...APP_PATHS, ...WIDGET_PATHS]) {
      const headers = serve(file, path);
      expect(headers.get('content-security-policy'), path).toBe(headersFor(path)[CSP]);
      expect(headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(headers.get('referrer-policy'), path).toBe('no-referrer');
    }
  });

  it('would send the widget two policies on Cloudflare without the detach line, which is why it is there', () => {
    const withoutDetach = file
      .split('\n')
      .filter((line) => !line.trim().startsWith('!'))
      .join('\n');
    expect(cloudflare(withoutDetach, '/embed.html').get('content-security-policy')).toBe(
      `${FULL_APP_CSP}, ${WIDGET_CSP}`,
    );
  });

  it('keeps every line under Cloudflare Pages’ 2,000-character limit', () => {
    for (const line of file.split('\n')) expect(line.length).toBeLessThan(2000);
  });
});
