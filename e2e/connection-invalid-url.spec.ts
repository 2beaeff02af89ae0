import { expect, test } from './fixtures/brokers';

const INVALID: Array<{ url: string; error: string }> = [
  { url: 'http://x', error: 'Unsupported scheme "http:": use ws:// or wss:// (MQTT over WebSocket)' },
  {
    url: 'javascript:alert(1)',
    error: 'Unsupported scheme "javascript:": use ws:// or wss:// (MQTT over WebSocket)',
  },
  { url: 'not a url', error: 'Not a valid URL: "not a url"' },
];

test('a broker URL that is not ws:// or wss:// is refused inline and nothing is attempted', async ({
  viewer,
  page,
}) => {
  // GIVEN the app with a watch on every WebSocket the page opens
  const sockets: string[] = [];
  page.on('websocket', (ws) => sockets.push(ws.url()));
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await viewer.open();
  await expect(viewer.status).toHaveText('Offline');

  for (const { url, error } of INVALID) {
    await test.step(url, async () => {
      // WHEN the user enters an unusable URL and presses Connect
      await viewer.connect(url);

      // THEN the field explains why
      await expect(viewer.page.getByRole('alert')).toHaveText(error);
      await expect(viewer.brokerUrl).toHaveAttribute('aria-invalid', 'true');
      await expect(viewer.brokerUrl).toHaveAccessibleDescription(error);
      // AND no connection is attempted: still Offline, still a Connect button, no socket, no script ran
      await expect(viewer.status).toHaveText('Offline');
      await expect(viewer.connectButton).toBeEnabled();
      expect(sockets).toEqual([]);
      expect(dialogs).toEqual([]);
    });
  }
});
