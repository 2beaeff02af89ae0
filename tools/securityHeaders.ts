import type { Connect, Plugin } from 'vite';

/**
 * HTTP headers for the built app. The full viewer may only be framed by its own origin (it has forms and
 * buttons worth protecting from clickjacking); the widget page exists to be framed by status pages on any
 * origin, so it allows every ancestor. Both keep a strict CSP: scripts and styles from the app's origin
 * only, WebSocket connections to any broker. Applied by `vite preview`, and written to `dist/_headers`
 * (the format Netlify and Cloudflare Pages read); the README shows the same for nginx.
 */
const BASE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self' ws: wss:",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export const FULL_APP_CSP = `${BASE_CSP}; frame-ancestors 'self'`;
export const WIDGET_CSP = `${BASE_CSP}; frame-ancestors *`;

const COMMON: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

export function headersFor(pathname: string): Record<string, string> {
  if (/\/embed\.html$/.test(pathname)) return { ...COMMON, 'Content-Security-Policy': WIDGET_CSP };
  if (pathname.endsWith('/') || pathname.endsWith('.html')) {
    return { ...COMMON, 'Content-Security-Policy': FULL_APP_CSP };
  }
  return COMMON;
}

function headersFile(): string {
  return [
    '/*',
    ...Object.entries(COMMON).map(([k, v]) => `  ${k}: ${v}`),
    '/',
    `  Content-Security-Policy: ${FULL_APP_CSP}`,
    '/index.html',
    `  Content-Security-Policy: ${FULL_APP_CSP}`,
    '/embed.html',
    `  Content-Security-Policy: ${WIDGET_CSP}`,
    '',
  ].join('\n');
}

export function securityHeaders(): Plugin {
  const middleware: Connect.NextHandleFunction = (req, res, next) => {
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    for (const [k, v] of Object.entries(headersFor(pathname))) res.setHeader(k, v);
    next();
  };
  return {
    name: 'firehose-security-headers',
    // Not in dev: Vite's dev server injects inline scripts and styles (HMR, React Refresh) a strict CSP blocks.
    configurePreviewServer(server) {
      server.middlewares.use(middleware);
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: '_headers', source: headersFile() });
    },
  };
}
