/**
 * Broker URLs are checked before anything is attempted: only ws:// and wss:// may reach mqtt.js, so a
 * link can never make the app open another kind of connection (javascript:, http:, file:, mqtt: …).
 */
export type BrokerUrlResult = { ok: true; url: string } | { ok: false; error: string };

export function validateBrokerUrl(input: string): BrokerUrlResult {
  const raw = input.trim();
  if (raw === '') return { ok: false, error: 'Enter a broker URL, e.g. wss://broker.example.org:443/mqtt' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, error: `Not a valid URL: "${truncate(redactBrokerUrl(raw))}"` };
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    return {
      ok: false,
      error: `Unsupported scheme "${truncate(url.protocol)}": use ws:// or wss:// (MQTT over WebSocket)`,
    };
  }
  if (url.hostname === '') return { ok: false, error: 'The broker URL has no host' };
  if (url.username || url.password) {
    return { ok: false, error: 'Put credentials in the Username and Password fields, not in the URL' };
  }
  if (url.hash) return { ok: false, error: 'A broker URL cannot have a #fragment' };
  return { ok: true, url: url.href };
}

/**
 * An optional scheme with its slashes (`ws://`, but also `ws:/` and `ws:`, which the URL parser reads the
 * same way), then everything up to the last `@` before any `?` or `#`: the userinfo.
 */
const USERINFO = /^(\s*(?:[A-Za-z][A-Za-z0-9+.-]*:[/\\]*)?)[^?#]*@/;

/**
 * A broker URL fit to echo on screen (a notice, an inline error, a dialog): any `user:password@` becomes
 * `***@`. Both parts go, not only the password: brokers that take a token often take it as the username.
 * Matched on the text rather than through `new URL`, because the strings most worth redacting are often
 * ones the parser refuses (`ws://user:p@ss word@host`), and a parser that gave up would leave the secret
 * in the message. A URL that parses to a host and no credentials comes back unchanged, even with `@` in its path.
 */
export function redactBrokerUrl(input: string): string {
  try {
    const url = new URL(input.trim());
    // Only where the parser found an authority: `user:secret@host` parses too, as scheme `user:`.
    if (url.host !== '' && url.username === '' && url.password === '') return input;
  } catch {
    // Unparseable: redact by shape below.
  }
  return input.replace(USERINFO, '$1***@');
}

function truncate(s: string): string {
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
}
