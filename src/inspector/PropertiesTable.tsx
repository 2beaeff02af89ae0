import type { MessageProps } from '../mqtt/types';
import { hexDumpLines } from '../payload/hexDump';
import { RevealedText } from './Revealed';

type Row = { label: string; value: string; multiline?: boolean };

/** Correlation data is bytes: shown as text when it is UTF-8 (hidden characters revealed), else as hex. */
function correlation(bytes: Uint8Array): Row {
  try {
    return { label: 'Correlation data', value: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { label: 'Correlation data', value: hexDumpLines(bytes).join('\n'), multiline: true };
  }
}

/**
 * MQTT 5 publish properties, shown only when the message carried some. Every string here is chosen by
 * the publisher, so each is shown with hidden and control characters revealed.
 */
export function PropertiesTable({ props }: { props: MessageProps }) {
  const rows: Row[] = [];
  if (props.contentType !== undefined) rows.push({ label: 'Content type', value: props.contentType });
  if (props.payloadFormatIndicator !== undefined)
    rows.push({
      label: 'Payload format',
      value: props.payloadFormatIndicator ? 'UTF-8' : 'unspecified bytes',
    });
  if (props.responseTopic !== undefined) rows.push({ label: 'Response topic', value: props.responseTopic });
  if (props.correlationData !== undefined) rows.push(correlation(props.correlationData));
  if (props.messageExpiryInterval !== undefined)
    rows.push({ label: 'Message expiry', value: `${props.messageExpiryInterval} s` });
  if (props.subscriptionIdentifier !== undefined)
    rows.push({ label: 'Subscription id', value: String(props.subscriptionIdentifier) });
  const user = props.userProperties ?? [];
  if (rows.length === 0 && user.length === 0) return null;
  return (
    <section aria-label="MQTT 5 properties" className="props">
      <h3>MQTT 5 properties</h3>
      {rows.length > 0 && (
        <dl className="meta">
          {rows.map(({ label, value, multiline }) => (
            <div key={label} className="meta-row">
              <dt>{label}</dt>
              <dd className="mono">
                <RevealedText text={value} multiline={multiline} />
              </dd>
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
                <td className="mono">
                  <RevealedText text={k} />
                </td>
                <td className="mono">
                  <RevealedText text={v} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
