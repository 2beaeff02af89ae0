import { gzipSync } from 'node:zlib';
import { encode as encodeCbor } from 'cbor2';
import sparkplug from 'sparkplug-payload';
import { expect, test } from './fixtures/brokers';

const READING = { sensor: 'boiler-2', temperature: 21.5, ok: true };
const EVENT = { type: 'change-merged', change: { project: 'openstack/nova', number: 934512 } };

function sparkplugBytes(): Uint8Array {
  const spb = sparkplug.get('spBv1.0');
  if (!spb) throw new Error('Sparkplug B schema missing');
  return spb.encodePayload({
    timestamp: 1764650000000,
    seq: 7,
    metrics: [{ name: 'Boiler/Temperature', type: 'Double', value: 71.25 }],
  });
}

test('binary payloads are decoded as CBOR, gzip and Sparkplug B, a wrong choice says why, and a rule keeps a choice per topic', async ({
  viewer,
  inspector,

  broker,
  publisher,
  topicPrefix,
}) => {
  // Eight steps with a reload and a reconnect: more than the default 30 s on a loaded two-core runner.
  test.setTimeout(90_000);
  const decoded = inspector.region.getByRole('region', { name: 'Decoded payload' });
  const decodeAs = decoded.getByRole('combobox', { name: 'Decode as' });
  const decodedStatus = decoded.getByRole('status');

  // GIVEN the viewer subscribed to this test's topics and to a Sparkplug B group
  await viewer.open();
  await viewer.connectTo(broker.wsUrl);
  await viewer.subscribeGranted(`${topicPrefix}/#`);
  await viewer.subscribeGranted(`spBv1.0/${topicPrefix}/#`);

  // WHEN a CBOR reading, a gzipped JSON event and a Sparkplug B DDATA are published
  await publisher.publish(`${topicPrefix}/sensors/cbor`, encodeCbor(READING));
  await publisher.publish(`${topicPrefix}/events/gz`, gzipSync(JSON.stringify(EVENT)));
  await publisher.publish(`spBv1.0/${topicPrefix}/DDATA/edge1/boiler`, sparkplugBytes());
  await viewer.expectReceived(3);

  // THEN the CBOR message opens decoded, and its bytes are still one view away as hex
  await viewer.openRow(`${topicPrefix}/sensors/cbor`);
  await expect(decodedStatus).toHaveText('Decoded as CBOR (automatic)');
  await expect(decoded.locator('pre')).toHaveText(JSON.stringify(READING, null, 2));
  await expect(inspector.view('Hex')).toBeChecked();
  await expect(inspector.payloadText).toContainText('00000000  a3');

  // AND the gzipped event is inflated and read as JSON
  await viewer.openRow(`${topicPrefix}/events/gz`);
  await expect(decodedStatus).toHaveText('Decoded as JSON after gzip (automatic)');
  await expect(decoded.locator('pre')).toContainText('"project": "openstack/nova"');

  // AND the Sparkplug B message is read by its namespace, 64-bit timestamp exact
  await viewer.openRow(`spBv1.0/${topicPrefix}/DDATA/edge1/boiler`);
  await expect(decodedStatus).toHaveText('Decoded as Sparkplug B (automatic)');
  await expect(decoded.locator('pre')).toContainText('"timestamp": "1764650000000"');
  await expect(decoded.locator('pre')).toContainText('"name": "Boiler/Temperature"');

  // WHEN the CBOR message is decoded as MessagePack on purpose
  await viewer.openRow(`${topicPrefix}/sensors/cbor`);
  await decodeAs.selectOption('MessagePack');

  // THEN the error says so, nothing decoded is shown, and the hex dump is untouched
  await expect(decodedStatus).toContainText('Could not decode as MessagePack:');
  await expect(decoded.locator('pre')).toHaveCount(0);
  await expect(inspector.payloadText).toContainText('00000000  a3');

  // WHEN the user makes CBOR the rule for the message's level (its siblings and their subtrees)
  await decodeAs.selectOption('CBOR');
  await decoded.getByRole('button', { name: `Always decode ${topicPrefix}/sensors/# as CBOR` }).click();

  // THEN another message under it is decoded by that rule, even one automatic decoding would read as text
  await publisher.publish(`${topicPrefix}/sensors/plain`, 'not cbor at all');
  await viewer.openRow(`${topicPrefix}/sensors/plain`);
  await expect(decodeAs).toHaveValue('cbor');
  // (0x6e is a CBOR text string of the 14 bytes that follow: the rule reads what auto would call text)
  await expect(decodedStatus).toHaveText(`Decoded as CBOR (rule ${topicPrefix}/sensors/#)`);
  await expect(decoded.locator('pre')).toHaveText('"ot cbor at all"');

  // AND the rule survives a reload, and can be removed
  await viewer.open({ broker: broker.wsUrl, sub: `${topicPrefix}/#` });
  await viewer.expectConnected();
  await expect(viewer.subscription(`${topicPrefix}/#`)).toContainText('granted QoS 0');
  await publisher.publish(`${topicPrefix}/sensors/cbor`, encodeCbor(READING));
  await viewer.openRow(`${topicPrefix}/sensors/cbor`);
  await expect(decodedStatus).toHaveText(`Decoded as CBOR (rule ${topicPrefix}/sensors/#)`);
  await decoded.getByRole('button', { name: `Remove rule ${topicPrefix}/sensors/# → CBOR` }).click();
  await expect(decodeAs).toHaveValue('auto');
  await expect(decodedStatus).toHaveText('Decoded as CBOR (automatic)');
});

test('corrupt saved decoder rules are named in a notice and the rest still apply', async ({
  viewer,
  page,
}) => {
  // GIVEN one good and one corrupt saved rule
  await page.addInitScript(() =>
    localStorage.setItem(
      'firehose-viewer:decoders:v1',
      JSON.stringify([
        { pattern: 'a/#', decoder: 'cbor' },
        { pattern: 'b/#', decoder: 'protobuf' },
      ]),
    ),
  );

  // WHEN the app loads THEN a notice names the bad one
  await viewer.open();
  await expect(viewer.notices).toContainText('Saved decoder rule 2: unknown decoder protobuf; ignored');
});
