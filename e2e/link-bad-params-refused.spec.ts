import { expect, test } from './fixtures/brokers';

for (const bad of ['javascript:alert(1)', 'http://127.0.0.1:1/mqtt']) {
  test(`a link with broker=${bad} is refused visibly and connects nowhere`, async ({
    page,
    viewer,
    topicPrefix,
  }) => {
    const sockets: string[] = [];
    page.on('websocket', (ws) => sockets.push(ws.url()));
    page.on('dialog', (dialog) => {
      throw new Error(`unexpected dialog: ${dialog.message()}`);
    });

    // WHEN the user opens a link with a non-WebSocket broker, a bad filter, a good filter and a bad theme
    await viewer.open({ broker: bad, sub: [`${topicPrefix}/ok/#`, 'a/#/b'], theme: 'purple' });

    // THEN the app says which parameters it ignored and why
    const notice = viewer.notices.getByRole('listitem');
    await expect(notice).toContainText(`broker=${bad}`);
    await expect(notice).toContainText(/Unsupported scheme "(javascript|http):"/);
    await expect(notice).toContainText("sub=a/#/b ('#' must be the last level");
    await expect(notice).toContainText('theme=purple');

    // AND keeps the rest: the valid subscription is listed, waiting for a connection
    await expect(viewer.subscription(`${topicPrefix}/ok/#`)).toContainText('sent on connect');

    // AND nothing was executed or connected
    await expect(viewer.status).toHaveText('Offline');
    await expect(viewer.brokerUrl).toHaveValue('');
    expect(sockets).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });
}
