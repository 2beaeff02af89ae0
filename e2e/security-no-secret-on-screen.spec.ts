import { AUTH_PASSWORD, AUTH_USER } from '../tools/mosquitto';
import { expect, test } from './fixtures/brokers';

test('a link with credentials in its broker URL is refused without showing them', async ({
  page,
  viewer,
}) => {
  // WHEN the user opens a link whose broker URL carries a user and a password
  await page.goto('/?broker=ws://user:secret@127.0.0.1:1/&sub=a');
  await expect(viewer.log).toBeVisible();

  // THEN the notice says the broker was refused, and why, with the credentials blanked out
  const notice = viewer.notices.getByRole('listitem');
  await expect(notice).toContainText('broker=ws://***@127.0.0.1:1/');
  await expect(notice).toContainText('Put credentials in the Username and Password fields');
  // AND the secret is nowhere in the page, nor left in the address bar once the view is synced to it
  expect(await page.content()).not.toContain('secret');
  await expect.poll(() => page.url()).not.toContain('secret');
  await expect(viewer.brokerUrl).toHaveValue('');
});

test('a typed password never reaches the markup, and still signs in', async ({ page, viewer, broker }) => {
  const url = broker.authWsUrl as string;
  await viewer.open();

  // WHEN the user types the password under Credentials
  await viewer.brokerUrl.fill(url);
  await viewer.showCredentials();
  await viewer.username.fill(AUTH_USER);
  await viewer.password.fill(AUTH_PASSWORD);

  // THEN the input holds it, but no attribute does: the page's markup has no trace of it
  await expect(viewer.password).toHaveValue(AUTH_PASSWORD);
  expect(await viewer.password.getAttribute('value')).toBeNull();
  expect(await page.content()).not.toContain(AUTH_PASSWORD);

  // AND it is the password the connection uses
  await viewer.connectButton.click();
  await viewer.expectConnected('5');
  expect(await page.content()).not.toContain(AUTH_PASSWORD);
});

test('the password typed into the credentials prompt never reaches the markup', async ({
  page,
  viewer,
  broker,
}) => {
  const url = broker.authWsUrl as string;
  await viewer.open();

  // GIVEN the broker refused a connection without credentials, so the prompt asks for them
  await viewer.connect(url);
  await expect(viewer.credentialsDialog).toBeVisible();

  // WHEN the user types the password there
  await viewer.credentialsDialog.getByRole('textbox', { name: 'Broker username' }).fill(AUTH_USER);
  const password = viewer.credentialsDialog.getByLabel('Broker password');
  await password.fill(AUTH_PASSWORD);

  // THEN it is in the input but not in the markup
  await expect(password).toHaveValue(AUTH_PASSWORD);
  expect(await page.content()).not.toContain(AUTH_PASSWORD);

  // AND signing in with it connects, and leaves no trace either
  await viewer.credentialsDialog.getByRole('button', { name: 'Sign in' }).click();
  await viewer.expectConnected('5');
  expect(await page.content()).not.toContain(AUTH_PASSWORD);
  // The form's own password field shows what was used (as a property, not an attribute)
  await viewer.showCredentials();
  await expect(viewer.password).toHaveValue(AUTH_PASSWORD);
});
