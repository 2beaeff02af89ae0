import { expect, test } from './fixtures/brokers';

// The embedded demo broker (aedes) speaks MQTT 3.1.1 only and answers an MQTT 5 CONNECT with CONNACK
// return code 1, "unacceptable protocol version".

test('Auto falls back to MQTT 3.1.1 on a 3.1.1-only broker and says so', async ({
  viewer,
  aedes,
  topicPrefix,
}) => {
  // GIVEN the 3.1.1-only broker WHEN the user connects with the default version, Auto
  await viewer.open();
  await expect(viewer.version).toHaveValue('auto');
  await viewer.connect(aedes.url);

  // THEN the app retries with 3.1.1 and connects; the status line stays short, with nothing that reads
  // like an error, since falling back is normal
  await expect(viewer.status).toHaveText(new RegExp(`^Connected · MQTT 3\\.1\\.1 · ${aedes.url}/?$`));
  await expect(viewer.status).not.toContainText(/refused|error/i);
  await expect(viewer.brokerUrl).not.toBeEditable();

  // AND why 3.1.1 is one click away
  await viewer.connectionDetails.click();
  await expect(viewer.connectionDetails).toHaveAttribute('aria-expanded', 'true');
  await expect(
    viewer.page.getByText(/The broker refused MQTT 5 \(.*unacceptable protocol version.*\)/i),
  ).toBeVisible();

  // AND messages flow over the 3.1.1 session
  await viewer.subscribeGranted(`${topicPrefix}/#`);
  aedes.publish(`${topicPrefix}/gerrit/change-merged`, '{"type":"change-merged"}', {});
  await expect(viewer.row(`${topicPrefix}/gerrit/change-merged`)).toBeVisible();
});

test('forcing MQTT 5 on a 3.1.1-only broker shows the refusal instead of falling back', async ({
  viewer,
  aedes,
}) => {
  // GIVEN the 3.1.1-only broker WHEN the user forces MQTT 5
  await viewer.open();
  await viewer.connect(aedes.url, { version: '5' });

  // THEN the status shows the broker's refusal and the app does not connect with another version
  await expect(viewer.status).toHaveText(/^Connection refused: .*unacceptable protocol version/i);
  await expect(viewer.connectButton).toBeVisible();
  await expect(viewer.status).not.toContainText('Connected');
});
