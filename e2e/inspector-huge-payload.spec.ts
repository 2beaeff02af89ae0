import { expect, test } from './fixtures/brokers';

/** About 2 MB of JSON: above the inspector's 1 MiB pretty-print limit. */
function hugeJson(): string {
  const items = Array.from({ length: 30_000 }, (_, i) => ({
    id: i,
    project: 'openstack/nova',
    subject: `Change number ${i} with a subject long enough to add up`,
  }));
  return JSON.stringify({ kind: 'huge', items });
}

test('a 2 MB JSON payload is shown without crashing and its size reported', async ({
  viewer,
  inspector,
  broker,
  publisher,
  topicPrefix,
}) => {
  // Publishing 3 MB through Mosquitto's WebSocket and streaming it into the Text view take a while on CI.
  test.setTimeout(90_000);
  const payload = hugeJson();
  const bytes = Buffer.byteLength(payload);
  expect(bytes).toBeGreaterThan(2_000_000);

  // GIVEN a connected, subscribed viewer
  await viewer.open();
  await viewer.connectTo(broker.wsUrl);
  await viewer.subscribeGranted(`${topicPrefix}/#`);

  // WHEN a 2 MB JSON message arrives
  await publisher.publish(`${topicPrefix}/huge`, payload);

  // THEN its row shows a preview and the size (see whileNudgingBroker for why the broker needs a nudge)
  const row = viewer.row(`${topicPrefix}/huge`);
  await publisher.whileNudgingBroker(() => expect(row).toContainText('{"kind":"huge","items":[{"id":0'));
  await expect(row).toContainText(`${(bytes / 1e6).toFixed(1)} MB`);

  // WHEN it is opened THEN the inspector reports the exact size and shows it raw rather than pretty
  await viewer.openRow(`${topicPrefix}/huge`);
  await expect(inspector.field('Payload size')).toHaveText(
    `${(bytes / 1e6).toFixed(1)} MB (${bytes.toLocaleString('en-US')} bytes)`,
  );
  await expect(inspector.field('Format')).toHaveText('JSON');
  await expect(inspector.region).toContainText('too large to pretty-print');
  await expect(inspector.view('Text')).toBeChecked();
  await expect(inspector.view('JSON')).toHaveCount(0);
  // Over 1 MiB the text opens as a preview of its first 256 kB; the rest follows a chunk per frame on request
  await expect(inspector.payloadText).toContainText('{"kind":"huge","items":[{"id":0');
  await expect(inspector.payloadText).not.toContainText('"subject":"Change number 29999 with a subject');
  await inspector.showAll.click();
  await expect(inspector.showAll).toHaveCount(0);
  await inspector.waitUntilFilled();
  // (read in the page: a 3 MB toContainText would spend seconds normalising whitespace)
  expect(
    await inspector.payloadText.evaluate((pre) =>
      pre.textContent?.endsWith('"subject":"Change number 29999 with a subject long enough to add up"}]}'),
    ),
  ).toBe(true);

  // AND the app keeps working: the next message still arrives
  await publisher.publish(`${topicPrefix}/after`, 'still alive');
  await expect(viewer.row(`${topicPrefix}/after`)).toBeVisible();
  await viewer.expectReceived(2);
});
