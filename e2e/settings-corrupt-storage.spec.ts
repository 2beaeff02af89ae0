import { expect, test } from './fixtures/brokers';

const STORAGE_KEY = 'firehose-viewer:settings:v1';

test('corrupt saved settings do not break the app, and a notice says so', async ({
  viewer,
  page,
  broker,
  publisher,
  topicPrefix,
}) => {
  // GIVEN saved settings that are not JSON
  await page.addInitScript((key) => localStorage.setItem(key, '{not json'), STORAGE_KEY);

  // WHEN the app loads
  await viewer.open();

  // THEN it starts empty and tells the user the settings were dropped
  await expect(viewer.notices).toContainText('Saved settings were corrupt (not JSON)');
  await expect(viewer.brokerUrl).toHaveValue('');
  await expect(viewer.status).toHaveText('Offline');

  // AND it works as usual
  await viewer.connectTo(broker.wsUrl);
  await viewer.subscribeGranted(`${topicPrefix}/#`);
  await publisher.publish(`${topicPrefix}/ok`, 'works');
  await expect(viewer.row(`${topicPrefix}/ok`)).toBeVisible();
});
