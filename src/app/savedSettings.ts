import type { MqttVersionChoice, QoS } from '../mqtt/types';
import { type LogDisplay, parseLogDisplay } from '../payload/logDisplay';
import { parseSubscription } from '../topics/subscriptionSpec';
import { isSyntaxId, type SyntaxId, topicSyntax } from '../topics/syntax';
import { validateBrokerUrl } from '../url/brokerUrl';

/** What survives a reload. Never the password. */
export interface SavedSettings {
  url: string;
  username: string;
  clientId: string;
  version: MqttVersionChoice;
  syntax: SyntaxId;
  keepSession: boolean;
  /** Saved only when off: sharing the connection is the default. */
  share?: false;
  subscriptions: Array<{ filter: string; qos: QoS }>;
  capacity?: number;
  /** The log's layout: summary templates, columns, time format, highlight rules. */
  display?: LogDisplay;
}

export const STORAGE_KEY = 'firehose-viewer:settings:v1';

/**
 * Parses what localStorage holds. Anything corrupt (bad JSON, wrong shapes, invalid filters or URLs
 * from an older version or a hand edit) is dropped with a reason instead of crashing the app.
 */
export function parseSavedSettings(raw: string | null): { settings?: SavedSettings; error?: string } {
  if (raw === null) return {};
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { error: 'Saved settings were corrupt (not JSON) and have been reset' };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { error: 'Saved settings were corrupt (not an object) and have been reset' };
  }
  const o = json as Record<string, unknown>;
  const url = typeof o.url === 'string' && validateBrokerUrl(o.url).ok ? o.url : '';
  const version: MqttVersionChoice = o.version === '5' || o.version === '3.1.1' ? o.version : 'auto';
  const syntax: SyntaxId = isSyntaxId(o.syntax) ? o.syntax : 'mqtt';
  const subscriptions: SavedSettings['subscriptions'] = [];
  let dropped = 0;
  if (Array.isArray(o.subscriptions)) {
    for (const s of o.subscriptions) {
      const parsed = parseSubscription(s, topicSyntax(syntax));
      if (parsed.ok) subscriptions.push(parsed.spec);
      else dropped++;
    }
  }
  const settings: SavedSettings = {
    url,
    username: typeof o.username === 'string' ? o.username : '',
    clientId: typeof o.clientId === 'string' ? o.clientId : '',
    version,
    syntax,
    keepSession: o.keepSession === true,
    subscriptions,
  };
  if (o.share === false) settings.share = false;
  if (typeof o.capacity === 'number' && Number.isInteger(o.capacity) && o.capacity > 0) {
    settings.capacity = o.capacity;
  }
  const errors: string[] = [];
  if (dropped > 0) errors.push(`Ignored ${dropped} corrupt saved subscription${dropped === 1 ? '' : 's'}`);
  if (o.display !== undefined) {
    const read = parseLogDisplay(o.display, topicSyntax(syntax));
    settings.display = read.display;
    errors.push(...read.errors);
  }
  return errors.length > 0 ? { settings, error: errors.join('; ') } : { settings };
}

export function readSavedSettings(): { settings?: SavedSettings; error?: string } {
  try {
    const result = parseSavedSettings(localStorage.getItem(STORAGE_KEY));
    // Drop what could not be read, so the notice says "reset" truthfully and does not return on reload.
    if (result.error && !result.settings) localStorage.removeItem(STORAGE_KEY);
    return result;
  } catch {
    return {}; // storage disabled (privacy mode, sandboxed iframe): run without persistence
  }
}

export function writeSavedSettings(settings: SavedSettings): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(settings));
  } catch {
    // Quota or disabled storage: persistence is a convenience, not worth an error.
  }
}
