import { freePort } from '../tools/mosquitto';
import { expect, test } from './fixtures/brokers';

test('an unreachable broker shows the error in the status and stops trying', async ({ viewer }) => {
  // GIVEN a loopback port nothing listens on
  const port = await freePort();
  const url = `ws://127.0.0.1:${port}/mqtt`;

  // WHEN the user connects to it
  await viewer.open();
  await viewer.connect(url);

  // THEN the status says the connection failed, naming the URL
  await expect(viewer.status).toHaveText(
    `Could not connect to ${url}: connection refused, host not found, or not an MQTT WebSocket endpoint`,
  );
  // AND the app gives control back instead of retrying a broker that never answered
  await expect(viewer.connectButton).toBeVisible();
  await expect(viewer.brokerUrl).toBeEditable();
});
