import { AUTH_PASSWORD, AUTH_USER } from '../tools/mosquitto';
import { expect, test } from './fixtures/brokers';

// Mosquitto's dynamic-security plugin answers both a wrong password and no credentials with CONNACK
// 0x87 "Not authorized"; other brokers say 0x86 "Bad user name or password". Either is the broker's word.
const BROKER_REFUSAL = /^Connection refused: (Not authorized|Bad user name or password)/i;

test('refused credentials show the broker reason and a prompt; correct ones connect', async ({
  viewer,
  broker,
  publisher,
  topicPrefix,
}) => {
  const url = broker.authWsUrl as string;
  await viewer.open();

  // GIVEN the authenticated listener WHEN the user connects with a wrong password
  await viewer.connect(url, { username: AUTH_USER, password: 'wrong' });
  // THEN the status carries the broker's own reason, the app stops, and it asks for credentials
  await expect(viewer.status).toHaveText(BROKER_REFUSAL);
  await expect(viewer.credentialsDialog).toBeVisible();
  await expect(viewer.credentialsDialog).toContainText(
    /refused the connection: Connection refused: (Not authorized|Bad user name or password)/i,
  );
  await expect(viewer.credentialsDialog.getByRole('textbox', { name: 'Broker username' })).toHaveValue(
    AUTH_USER,
  );

  // WHEN the user signs in with no credentials at all THEN the broker refuses that too
  await viewer.signIn('', '');
  await expect(viewer.status).toHaveText(BROKER_REFUSAL);
  await expect(viewer.credentialsDialog).toBeVisible();

  // WHEN the user enters the right ones THEN the connection is made with MQTT 5 and the prompt closes
  await viewer.signIn(AUTH_USER, AUTH_PASSWORD);
  await viewer.expectConnected('5');
  await expect(viewer.credentialsDialog).toBeHidden();

  // AND the session works: the ACL lets this user read test/#
  await viewer.subscribeGranted(`${topicPrefix}/#`);
  await publisher.publish(`${topicPrefix}/secret`, 'for firehose only');
  await expect(viewer.row(`${topicPrefix}/secret`)).toBeVisible();
});
