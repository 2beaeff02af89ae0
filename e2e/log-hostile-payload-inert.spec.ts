import { expect, test } from './fixtures/brokers';

const HOSTILE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';

test('a payload of HTML and script is shown as inert text in the row and the inspector', async ({
  viewer,
  inspector,
  broker,
  publisher,
  topicPrefix,
  page,
}) => {
  // GIVEN a connected, subscribed viewer
  await viewer.open();
  await viewer.connectTo(broker.wsUrl);
  await viewer.subscribeGranted(`${topicPrefix}/#`);

  // WHEN a message arrives whose payload (and topic) are markup that would run script if interpreted
  const topic = `${topicPrefix}/<b>bold</b>`;
  await publisher.publish(topic, HOSTILE);

  // THEN the row shows the literal characters
  const row = viewer.row(topic);
  await expect(row).toContainText(HOSTILE);
  // AND the inspector shows them too, as text
  await viewer.openRow(topic);
  await expect(inspector.field('Topic')).toHaveText(topic);
  await expect(inspector.field('Format')).toHaveText('UTF-8 text');
  await expect.poll(() => inspector.payloadText.textContent()).toBe(HOSTILE);
  await inspector.view('Hex').click();
  await expect(inspector.payloadText).toContainText('3c 69 6d 67 20 73 72 63');

  // AND nothing was interpreted: no element made from the payload, no script ran
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await expect(page.locator('b', { hasText: 'bold' })).toHaveCount(0);
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
});
