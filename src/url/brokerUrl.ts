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
    return { ok: false, error: `Not a valid URL: "${truncate(raw)}"` };
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

function truncate(s: string): string {
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
}
