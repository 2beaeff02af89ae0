import { expect, test } from './fixtures/brokers';

const EVENT = {
  type: 'comment-added',
  change: { project: 'openstack/nova', number: 934512, subject: 'Fix race in live migration rollback' },
  approvals: [{ type: 'Code-Review', value: '+2' }],
};
const TEXT = 'Zuul: build succeeded (check pipeline)';
// A PNG signature behind three control bytes: invalid UTF-8, so the app must treat it as binary.
const BINARY = Uint8Array.from([
  0x00, 0x01, 0x02, 0xff, 0xfe, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a,
]);
// `hexdump -C` layout: offset, 16 hex cells with an extra space after the 8th, padded, then ASCII.
const BINARY_DUMP = `00000000  00 01 02 ff fe 89 50 4e  47 0d 0a 1a 0a${' '.repeat(11)}|......PNG....|`;

test('JSON, text and binary messages each open in the inspector in their own format', async ({
  viewer,
  inspector,
  broker,
  publisher,
  topicPrefix,
}) => {
  // GIVEN the viewer connected to Mosquitto and subscribed to this test's topics
  await viewer.open();
  await viewer.connectTo(broker.wsUrl);
  await viewer.subscribeGranted(`${topicPrefix}/#`);

  // WHEN a Node publisher sends a JSON, a text and a binary message
  await publisher.publish(`${topicPrefix}/gerrit/comment-added`, JSON.stringify(EVENT));
  await publisher.publish(`${topicPrefix}/zuul/notice`, TEXT);
  await publisher.publish(`${topicPrefix}/telemetry/raw`, BINARY);

  // THEN a row appears for each: the Gerrit event summarised, the others with a one-line preview
  await expect(viewer.rows).toHaveCount(3);
  await expect(viewer.row(`${topicPrefix}/gerrit/comment-added`)).toContainText(
    'Comment on 934512 (openstack/nova): Code-Review+2 — Fix race in live migration rollback',
  );
  await expect(viewer.row(`${topicPrefix}/zuul/notice`)).toContainText(TEXT);
  await expect(viewer.row(`${topicPrefix}/telemetry/raw`)).toContainText('<binary 13 B> 00 01 02 ff');
  await viewer.expectReceived(3);

  // WHEN the JSON row is clicked THEN the inspector shows it pretty-printed with 2-space indentation
  await viewer.openRow(`${topicPrefix}/gerrit/comment-added`);
  await expect(inspector.field('Topic')).toHaveText(`${topicPrefix}/gerrit/comment-added`);
  await expect(inspector.field('Format')).toHaveText('JSON');
  await expect(inspector.view('JSON')).toBeChecked();
  await expect.poll(() => inspector.payloadText.textContent()).toBe(JSON.stringify(EVENT, null, 2));

  // WHEN the text row is clicked THEN the inspector shows the text as it is
  await viewer.openRow(`${topicPrefix}/zuul/notice`);
  await expect(inspector.field('Topic')).toHaveText(`${topicPrefix}/zuul/notice`);
  await expect(inspector.field('Format')).toHaveText('UTF-8 text');
  await expect(inspector.view('Text')).toBeChecked();
  await expect.poll(() => inspector.payloadText.textContent()).toBe(TEXT);

  // WHEN the binary row is clicked THEN the inspector shows a hex dump and offers no text view
  await viewer.openRow(`${topicPrefix}/telemetry/raw`);
  await expect(inspector.field('Topic')).toHaveText(`${topicPrefix}/telemetry/raw`);
  await expect(inspector.field('Format')).toHaveText('binary');
  await expect(inspector.field('Payload size')).toHaveText('13 B (13 bytes)');
  await expect(inspector.view('Hex')).toBeChecked();
  await expect(inspector.view('Text')).toHaveCount(0);
  await expect.poll(() => inspector.payloadText.textContent()).toBe(BINARY_DUMP);
});
