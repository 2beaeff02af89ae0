import { expect, test } from './fixtures/brokers';
import { serveHostPage } from './fixtures/hostPage';
import { PREVIEW_URL } from './fixtures/servers';

const CSP = 'content-security-policy';

test('a page on another origin cannot frame the viewer at an unknown path, but can frame the widget', async ({
  page,
  request,
  broker,
  topicPrefix,
}) => {
  // GIVEN a host page on another origin framing the viewer at a path the server only answers with its
  // SPA fallback, and the widget page beside it, both with a broker and a subscription
  // (The viewer's broker URL has a path of its own, so a socket it opened would be told apart. Both links
  // say share=0: Playwright sees the sockets of a page's dedicated workers, not those of a SharedWorker.)
  const sub = `${topicPrefix}/#`;
  const viewerBroker = `${broker.wsUrl}/framed-viewer`;
  const viewer = new URL(
    `/foo?${new URLSearchParams({ broker: viewerBroker, sub, share: '0' })}`,
    PREVIEW_URL,
  );
  const widget = new URL(
    `/embed.html?${new URLSearchParams({ broker: broker.wsUrl, sub, share: '0' })}`,
    PREVIEW_URL,
  );
  const host = await serveHostPage(`<!doctype html><title>Evil</title>
    <iframe title="Framed viewer" src="${viewer.href.replace(/&/g, '&amp;')}" width="800" height="400"></iframe>
    <iframe title="Framed widget" src="${widget.href.replace(/&/g, '&amp;')}" width="560" height="200"></iframe>`);
  const sockets: string[] = [];
  page.on('websocket', (ws) => sockets.push(ws.url()));
  try {
    // The fallback path serves the full viewer, with the full app's policy
    const direct = await request.get(viewer.href, { headers: { accept: 'text/html' } });
    expect(direct.status()).toBe(200);
    expect(await direct.text()).toContain('<title>Firehose Viewer</title>');
    expect(direct.headers()[CSP]).toMatch(/frame-ancestors 'self'$/);

    // WHEN the host page loads
    const viewerResponse = page.waitForResponse((r) => r.url() === viewer.href);
    await page.goto(host.url);

    // THEN the widget loads and goes live (the control: framing as such works from this host)
    const widgetFrame = page.frameLocator('iframe[title="Framed widget"]');
    await expect(widgetFrame.getByRole('status')).toHaveText(/live/);

    // AND the viewer was answered with frame-ancestors 'self', and Chromium did not render it
    expect((await viewerResponse).headers()[CSP]).toMatch(/frame-ancestors 'self'$/);
    const framed = page.frames().find((f) => f.parentFrame() !== null && !f.url().includes('/embed.html'));
    expect(framed, 'the iframe of the viewer').toBeDefined();
    // A frame refused by frame-ancestors is left on Chromium's error page, not on the viewer's URL
    expect(framed?.url()).toBe('chrome-error://chromewebdata/');
    const viewerFrame = page.frameLocator('iframe[title="Framed viewer"]');
    await expect(viewerFrame.getByRole('log', { name: 'Message log' })).toHaveCount(0);
    await expect(viewerFrame.locator('#root')).toHaveCount(0);
    // AND only the widget connected: the framed viewer ran none of its code
    expect(sockets.some((url) => url.startsWith(broker.wsUrl))).toBe(true);
    expect(sockets.filter((url) => url.includes('framed-viewer'))).toEqual([]);
  } finally {
    await host.close();
  }
});

for (const path of ['/', '/index', '/a/b/', '/a/embed.html']) {
  test(`${path} is served with the full app's frame-ancestors 'self'`, async ({ request }) => {
    const response = await request.get(new URL(path, PREVIEW_URL).href, { headers: { accept: 'text/html' } });
    expect(response.status()).toBe(200);
    expect(await response.text()).toContain('<title>Firehose Viewer</title>');
    expect(response.headers()[CSP]).toMatch(/frame-ancestors 'self'$/);
  });
}

test('the widget page, and only it, may be framed anywhere', async ({ request }) => {
  for (const path of ['/embed.html', '/embed']) {
    const response = await request.get(new URL(path, PREVIEW_URL).href, { headers: { accept: 'text/html' } });
    expect(response.status()).toBe(200);
    expect(await response.text()).toContain('<title>Firehose widget</title>');
    // Exactly one policy: a second one would be enforced too, and its 'self' would win.
    expect(response.headersArray().filter((h) => h.name.toLowerCase() === CSP)).toHaveLength(1);
    expect(response.headers()[CSP]).toMatch(/frame-ancestors \*$/);
  }
});
