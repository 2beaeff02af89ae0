import type { MqttVersionChoice, QoS } from '../mqtt/types';
import { parseSubscription } from '../topics/subscriptionSpec';
import { isSyntaxId, type SyntaxId, topicSyntax } from '../topics/syntax';
import { validateBrokerUrl } from '../url/brokerUrl';

/**
 * Deployment defaults, read at start-up from `config.json` beside `index.html`, so one build serves
 * any broker: a deployer edits the file, nobody rebuilds. The dev server (`npm start`) serves one that
 * points at the embedded demo broker.
 */
export interface AppConfig {
  broker?: string;
  subscriptions: Array<{ filter: string; qos: QoS }>;
  /** Topic syntax of the subscriptions and of the log's `topic:` (default MQTT). */
  syntax: SyntaxId;
  mqttVersion: MqttVersionChoice;
  autoConnect: boolean;
  bufferSize?: number;
}

export function parseConfig(json: unknown): { config: AppConfig; errors: string[] } {
  const errors: string[] = [];
  const config: AppConfig = { subscriptions: [], syntax: 'mqtt', mqttVersion: 'auto', autoConnect: false };
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { config, errors: ['config.json must hold a JSON object'] };
  }
  const o = json as Record<string, unknown>;
  if (o.broker !== undefined) {
    const checked = typeof o.broker === 'string' ? validateBrokerUrl(o.broker) : null;
    if (checked?.ok) config.broker = checked.url;
    else errors.push(`broker: ${checked && !checked.ok ? checked.error : 'must be a string'}`);
  }
  if (isSyntaxId(o.syntax)) config.syntax = o.syntax;
  else if (o.syntax !== undefined) errors.push('syntax: must be "mqtt" or "amqp"');
  if (Array.isArray(o.subscriptions)) {
    const syntax = topicSyntax(config.syntax);
    for (const item of o.subscriptions) {
      const parsed = parseSubscription(item, syntax);
      if (parsed.ok) config.subscriptions.push(parsed.spec);
      else errors.push(`subscriptions: ${parsed.error}`);
    }
  } else if (o.subscriptions !== undefined) {
    errors.push('subscriptions: must be an array');
  }
  if (o.mqttVersion === '5' || o.mqttVersion === '3.1.1' || o.mqttVersion === 'auto') {
    config.mqttVersion = o.mqttVersion;
  } else if (o.mqttVersion !== undefined) {
    errors.push('mqttVersion: must be "auto", "5" or "3.1.1"');
  }
  config.autoConnect = o.autoConnect === true && config.broker !== undefined;
  if (typeof o.bufferSize === 'number' && Number.isInteger(o.bufferSize) && o.bufferSize > 0) {
    config.bufferSize = o.bufferSize;
  }
  return { config, errors };
}

export type ConfigLoad =
  | { kind: 'loaded'; config: AppConfig; errors: string[] }
  | { kind: 'absent' }
  | { kind: 'invalid'; error: string };

export async function loadConfig(url = 'config.json'): Promise<ConfigLoad> {
  let response: Response;
  try {
    response = await fetch(url, { cache: 'no-store' });
  } catch {
    return { kind: 'absent' };
  }
  if (!response.ok) return { kind: 'absent' };
  // A static host's SPA fallback may answer index.html for a missing file: that is "no config".
  if (!(response.headers.get('content-type') ?? '').includes('json')) return { kind: 'absent' };
  try {
    const { config, errors } = parseConfig(await response.json());
    return { kind: 'loaded', config, errors };
  } catch (e) {
    return { kind: 'invalid', error: `config.json is not valid JSON (${(e as Error).message})` };
  }
}
