import type { MessageProps } from '../mqtt/types';
import { hexDumpLines } from '../payload/hexDump';

function correlation(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return hexDumpLines(bytes).join('\n');
  }
}

/** MQTT 5 publish properties, shown only when the message carried some. */
export function PropertiesTable({ props }: { props: MessageProps }) {
  const rows: Array<[string, string]> = [];
  if (props.contentType !== undefined) rows.push(['Content type', props.contentType]);
  if (props.payloadFormatIndicator !== undefined)
    rows.push(['Payload format', props.payloadFormatIndicator ? 'UTF-8' : 'unspecified bytes']);
  if (props.responseTopic !== undefined) rows.push(['Response topic', props.responseTopic]);
  if (props.correlationData !== undefined)
    rows.push(['Correlation data', correlation(props.correlationData)]);
  if (props.messageExpiryInterval !== undefined)
    rows.push(['Message expiry', `${props.messageExpiryInterval} s`]);
  if (props.subscriptionIdentifier !== undefined)
    rows.push(['Subscription id', String(props.subscriptionIdentifier)]);
  const user = props.userProperties ?? [];
  if (rows.length === 0 && user.length === 0) return null;
  return (
    <section aria-label="MQTT 5 properties" className="props">
      <h3>MQTT 5 properties</h3>
      {rows.length > 0 && (
        <dl className="meta">
          {rows.map(([k, v]) => (
            <div key={k} className="meta-row">
              <dt>{k}</dt>
              <dd className="mono">{v}</dd>
            </div>
          ))}
        </dl>
      )}
      {user.length > 0 && (
        <table className="user-props">
          <caption>User properties</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Value</th>
            </tr>
          </thead>
          <tbody>
            {user.map(([k, v], i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: user properties may repeat a name; order is their identity
              <tr key={i}>
                <td className="mono">{k}</td>
                <td className="mono">{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
