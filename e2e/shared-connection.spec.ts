import type { FrameLocator, Page } from '@playwright/test';
import mqtt from 'mqtt';
import type { MosquittoBroker } from '../tools/mosquitto';
import { connectPublisher, expect, test } from './fixtures/brokers';
import { type HostPage, serveHostPage } from './fixtures/hostPage';
import { PREVIEW_URL } from './fixtures/servers';
import { ViewerPage } from './pages/ViewerPage';

/** The broker's own count of connected clients (`$SYS/broker/clients/connected`, every second here). */
async function watchClients(
  broker: MosquittoBroker,
): Promise<{ latest: () => number; end: () => Promise<void> }> {
  const client = await mqtt.connectAsync(broker.tcpUrl, {
    reconnectPeriod: 0,
    clientId: `e2e-sys-${Math.random().toString(16).slice(2, 10)}`,
  });
  let latest = -1;
  client.on('message', (_topic, payload) => {
    latest = Number(payload.toString());
  });
  await client.subscribeAsync('$SYS/broker/clients/connected');
  return { latest: () => latest, end: () => client.endAsync() };
}

/** Browser clients (mqtt.js ids) the broker has logged as connecting. */
function browserConnects(broker: MosquittoBroker): number {
  return broker.logs().match(/New client connected from .* as mqttjs_/g)?.length ?? 0;
}

/** A host page on another port (another origin, the same site) with one widget per `subs`. */
async function hostWidgets(broker: MosquittoBroker, subs: string[]): Promise<HostPage> {
  const frames = subs.map((sub, i) => {
    const url = new URL('/embed.html', PREVIEW_URL);
    url.search = new URLSearchParams({
      broker: broker.wsUrl,
      sub,
      embed: '1',
      title: `W${i + 1}`,
    }).toString();
    return `<iframe title="W${i + 1}" src="${url.href.replace(/&/g, '&amp;')}" width="640" height="260"></iframe>`;
  });
  return serveHostPage(`<!doctype html><title>Status</title><h1>Status page</h1>${frames.join('\n')}`);
}

function widgetRows(frame: FrameLocator) {
  // The header row is a row too.
  return frame.getByRole('table', { name: 'Latest messages' }).locator('tbody').getByRole('row');
}

async function openTab(page: Page, broker: MosquittoBroker, subs: string[]): Promise<ViewerPage> {
  // From a link: a second tab opened bare would restore the first tab's saved subscriptions.
  const viewer = new ViewerPage(page);
  await viewer.open({ broker: broker.wsUrl, sub: subs });
  await viewer.expectConnected();
  for (const sub of subs) await expect(viewer.subscription(sub)).toContainText('granted QoS 0');
  return viewer;
}

// Five views, two brokers' worth of waiting: more than the default 30 s on a loaded CI machine.
test.describe.configure({ timeout: 120_000 });

function stats(viewer: ViewerPage) {
  return viewer.page.evaluate(() => ({
    received: window.__firehoseStats.received,
    gaps: window.__firehoseStats.gaps,
  }));
}

test('two tabs and three widgets on one broker share one connection, and each view gets exactly its own messages', async ({
  page,
  startOwnBroker,
  topicPrefix: p,
}) => {
  const broker = await startOwnBroker();
  const clients = await watchClients(broker);
  const publisher = await connectPublisher(broker.tcpUrl);
  // GIVEN a retained status message, and only the monitor and the publisher connected
  await publisher.publish(`${p}/a/x/status`, 'retained status', { retain: true, qos: 1 });
  await expect.poll(clients.latest).toBe(2);

  // WHEN tab A subscribes to p/a/# and, overlapping, p/a/+/1; tab B (same browser) to p/+/x/#
  // (p/a/+/1 does not take the retained topic: each SUBSCRIBE that does brings it, as on a connection of its own)
  const a = await openTab(page, broker, [`${p}/a/#`, `${p}/a/+/1`]);
  const b = await openTab(await page.context().newPage(), broker, [`${p}/+/x/#`]);
  // AND a status page on another origin hosts three widgets: p/w1/#, p/w2/#, and p/a/x/# like tab A
  const host = await hostWidgets(broker, [`${p}/w1/#`, `${p}/w2/#`, `${p}/a/x/#`]);
  const hostPage = await page.context().newPage();
  await hostPage.goto(host.url);
  const w = [1, 2, 3].map((i) => hostPage.frameLocator(`iframe[title="W${i}"]`));
  try {
    for (const frame of w) await expect(frame.getByRole('status')).toHaveText(/live/);

    // THEN every view says it shares its connection with the four others
    await expect(a.page.getByText('shared with 4 other views')).toBeVisible();
    await expect(b.page.getByText('shared with 4 other views')).toBeVisible();
    for (const frame of w) await expect(frame.getByText('shared with 4 other views')).toBeVisible();
    // AND the broker sees one client for all five views (plus the monitor and the publisher)
    await expect.poll(clients.latest).toBe(3);
    expect(browserConnects(broker)).toBe(1);

    // AND the retained message reached every view whose filter takes it, once, even those that came later
    await expect(a.row(`${p}/a/x/status`)).toHaveCount(1);
    await expect(b.row(`${p}/a/x/status`)).toHaveCount(1);
    await expect(widgetRows(w[2] as FrameLocator)).toHaveCount(1);

    // WHEN messages are published for some views, for all of them, and for none
    await publisher.publish(`${p}/a/1`, 'A only');
    await publisher.publish(`${p}/a/x/1`, 'A, B and W3');
    await publisher.publish(`${p}/b/x/2`, 'B only');
    await publisher.publish(`${p}/w1/m`, 'W1 only');
    await publisher.publish(`${p}/w2/m`, 'W2, one');
    await publisher.publish(`${p}/w2/m`, 'W2, two');
    await publisher.publish(`${p}/nobody`, 'for nobody');

    // THEN each view shows exactly its own, once each (A's overlapping filters give no duplicate)
    await expect(a.row('A only')).toBeVisible();
    await expect(a.row('A, B and W3')).toHaveCount(1);
    await a.expectReceived(3);
    await expect(b.row('B only')).toBeVisible();
    await expect(b.row('A, B and W3')).toHaveCount(1);
    await b.expectReceived(3);
    await expect(widgetRows(w[0] as FrameLocator)).toHaveCount(1);
    await expect(widgetRows(w[0] as FrameLocator).first()).toContainText('W1 only');
    await expect(widgetRows(w[1] as FrameLocator)).toHaveCount(2);
    await expect(widgetRows(w[2] as FrameLocator)).toHaveCount(2);
    await expect(widgetRows(w[2] as FrameLocator).first()).toContainText('A, B and W3');
    // AND nothing of another view's: counts stay exact once each view has had a last message of its own
    await publisher.publish(`${p}/a/x/last`, 'last for A, B and W3');
    await expect(a.row('last for A, B and W3')).toBeVisible();
    await expect(b.row('last for A, B and W3')).toBeVisible();
    await a.expectReceived(4);
    await b.expectReceived(4);
    await expect(a.row('B only')).toHaveCount(0);
    await expect(b.row('A only')).toHaveCount(0);
    await expect(widgetRows(w[2] as FrameLocator)).toHaveCount(3);

    // WHEN tab B is closed
    await b.page.close();

    // THEN the others keep the same connection and keep receiving
    await expect(a.page.getByText('shared with 3 other views')).toBeVisible();
    await publisher.publish(`${p}/a/x/after`, 'after B left');
    await publisher.publish(`${p}/w1/after`, 'W1 after B left');
    await expect(a.row('after B left')).toBeVisible();
    await a.expectReceived(5);
    await expect(widgetRows(w[0] as FrameLocator)).toHaveCount(2);
    await expect(widgetRows(w[2] as FrameLocator)).toHaveCount(4);
    await expect(a.status).toHaveText(/^Connected/);
    expect(browserConnects(broker)).toBe(1);
    await expect.poll(clients.latest).toBe(3);
  } finally {
    await host.close();
    await publisher.end();
    await clients.end();
  }
});

test('a broker restart is recovered once, for every view sharing the connection', async ({
  page,
  startOwnBroker,
  topicPrefix: p,
}) => {
  const first = await startOwnBroker();
  const a = await openTab(page, first, [`${p}/a/#`]);
  const b = await openTab(await page.context().newPage(), first, [`${p}/b/#`]);
  const host = await hostWidgets(first, [`${p}/w1/#`, `${p}/w2/#`, `${p}/w3/#`]);
  const hostPage = await page.context().newPage();
  await hostPage.goto(host.url);
  const w = [1, 2, 3].map((i) => hostPage.frameLocator(`iframe[title="W${i}"]`));
  try {
    for (const frame of w) await expect(frame.getByText('shared with 4 other views')).toBeVisible();

    // WHEN the broker goes away
    await first.stop();

    // THEN every view says so
    await expect(a.status).toHaveText(/^Reconnecting — /);
    await expect(b.status).toHaveText(/^Reconnecting — /);
    for (const frame of w) await expect(frame.getByRole('status')).not.toHaveText(/live/);

    // WHEN it comes back on the same ports
    const second = await startOwnBroker({ ports: first.ports });

    // THEN all views are connected again, over one new connection
    await a.expectConnected('5');
    await b.expectConnected('5');
    for (const frame of w) await expect(frame.getByRole('status')).toHaveText(/live/);
    await expect(a.subscription(`${p}/a/#`)).toContainText('granted QoS 0');
    await expect(b.subscription(`${p}/b/#`)).toContainText('granted QoS 0');
    expect(browserConnects(second)).toBe(1);

    // AND each tab marks the outage once and receives its own messages again
    const publisher = await connectPublisher(second.tcpUrl);
    for (const topic of ['a', 'b', 'w1', 'w2', 'w3'])
      await publisher.publish(`${p}/${topic}/after`, `${topic} after`);
    await publisher.end();
    await expect(a.row('a after')).toBeVisible();
    await expect(b.row('b after')).toBeVisible();
    for (const [i, frame] of w.entries()) {
      await expect(widgetRows(frame)).toHaveCount(1);
      await expect(widgetRows(frame).first()).toContainText(`w${i + 1} after`);
    }
    expect(await stats(a)).toEqual({ received: 1, gaps: 1 });
    expect(await stats(b)).toEqual({ received: 1, gaps: 1 });
    expect(browserConnects(second)).toBe(1);
  } finally {
    await host.close();
  }
});

test('a view opened with share=0 keeps a connection of its own', async ({
  page,
  startOwnBroker,
  topicPrefix: p,
}) => {
  const broker = await startOwnBroker();
  // GIVEN one tab on the shared connection and one opened from a link with share=0
  const a = await openTab(page, broker, [`${p}/a/#`]);
  const own = new ViewerPage(await page.context().newPage());
  await own.open({ broker: broker.wsUrl, sub: `${p}/own/#`, share: '0' });
  await own.expectConnected();
  await expect(own.subscription(`${p}/own/#`)).toContainText('granted QoS 0');

  // THEN the broker sees two browser clients, and neither view says it shares
  await expect.poll(() => browserConnects(broker)).toBe(2);
  await expect(a.page.getByText(/shared with/)).toHaveCount(0);
  await expect(own.page.getByText(/shared with/)).toHaveCount(0);
  // AND the link keeps the choice
  await expect(own.page).toHaveURL(/[?&]share=0(&|$)/);

  // AND each still gets exactly its own messages
  const publisher = await connectPublisher(broker.tcpUrl);
  await publisher.publish(`${p}/a/1`, 'for the shared tab');
  await publisher.publish(`${p}/own/1`, 'for the own tab');
  await publisher.end();
  await expect(a.row('for the shared tab')).toBeVisible();
  await expect(own.row('for the own tab')).toBeVisible();
  await a.expectReceived(1);
  await own.expectReceived(1);
});
