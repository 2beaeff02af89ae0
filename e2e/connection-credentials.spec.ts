import { AUTH_PASSWORD, AUTH_USER } from '../tools/mosquitto';
import { expect, test } from './fixtures/brokers';

const BROKER_REFUSAL = /^Connection refused: (Not authorized|Bad user name or password)/i;

test('refused credentials show the broker reason; correct ones connect', async ({ viewer, broker }) => {
  const url = broker.authWsUrl as string;
  await viewer.open();

  // GIVEN the authenticated listener WHEN the user connects with a wrong password
  await viewer.connect(url, { username: AUTH_USER, password: 'wrong' });
  // THEN the status carries the broker's own reason and the app stops
  await expect(viewer.status).toHaveText(BROKER_REFUSAL);
  await expect(viewer.connectButton).toBeVisible();

  // WHEN the user connects with no credentials at all THEN the broker refuses that too
  await viewer.connect(url, { username: '', password: '' });
  await expect(viewer.status).toHaveText(BROKER_REFUSAL);
  await expect(viewer.connectButton).toBeVisible();

  // WHEN the user enters the right ones THEN the connection is made with MQTT 5
  await viewer.connect(url, { username: AUTH_USER, password: AUTH_PASSWORD });
  await viewer.expectConnected('5');
});
