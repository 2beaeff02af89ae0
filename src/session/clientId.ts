/**
 * `Keep session` needs the same client id on every connection, or the broker cannot find the session
 * again: one id per browser and broker, kept in localStorage. Two tabs using one id would take the
 * session from each other in a loop (the broker drops the older connection), so each tab claims its
 * slot with a Web Lock held for the tab's life; a second tab gets slot 2, and so on.
 */
const KEY = 'firehose-viewer:client-id:';
const SLOTS = 8;
const held = new Map<string, string>();

function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return `firehose-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

function storedId(key: string): string {
  try {
    const existing = localStorage.getItem(key);
    if (existing && /^[\w-]{1,64}$/.test(existing)) return existing;
    const id = randomId();
    localStorage.setItem(key, id);
    return id;
  } catch {
    return randomId(); // storage disabled: stable for this page only
  }
}

export async function stableClientId(brokerUrl: string): Promise<string> {
  const cached = held.get(brokerUrl);
  if (cached) return cached;
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  for (let slot = 1; slot <= SLOTS; slot++) {
    const key = `${KEY}${brokerUrl}${slot === 1 ? '' : `#${slot}`}`;
    if (!locks) {
      held.set(brokerUrl, storedId(key));
      break;
    }
    const claimed = await new Promise<boolean>((resolve) => {
      void locks.request(key, { ifAvailable: true }, (lock) => {
        resolve(lock !== null);
        // Held until the tab closes.
        return lock ? new Promise<void>(() => {}) : undefined;
      });
    });
    if (claimed) {
      held.set(brokerUrl, storedId(key));
      break;
    }
  }
  return held.get(brokerUrl) ?? randomId();
}
