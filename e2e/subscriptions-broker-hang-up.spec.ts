import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/brokers';

/** MQTT control packet types (fixed-header high nibble), MQTT 5 §2.1.2. */
const CONNECT = 1;
const SUBSCRIBE = 8;

/**
 * Test-side view of the wire: how many CONNECTs the page sent, and how many SUBSCRIBEs carrying `needle`.
 * Counting them proves the app does not reconnect in a loop re-sending the filter the broker hung up on,
 * which the screen alone could hide between two polls.
 */
function watchWire(page: Page, needle: string) {
  const bytes = Buffer.from(needle, 'utf8');
  const seen = { connects: 0, subscribes: 0 };
  page.on('websocket', (ws) => {
    ws.on('framesent', ({ payload }) => {
      if (typeof payload === 'string' || payload.length === 0) return;
      const type = (payload[0] ?? 0) >> 4;
      if (type === CONNECT) seen.connects++;
      if (type === SUBSCRIBE && payload.includes(bytes)) seen.subscribes++;
    });
  });
  return seen;
}

const HUNG_UP = 'the broker disconnected on this filter; not sent again until you retry';

for (const { name, bad, warning } of [
  {
    name: 'a control character',
    bad: (prefix: string) => `${prefix}/bad\u0007x`,
    warning: /control character \(U\+0007\)/,
  },
  {
    name: 'more than 201 levels',
    // test/<id>/ + 201 more levels + the last: 204 levels.
    bad: (prefix: string) => `${prefix}/${'deep/'.repeat(201)}end`,
    warning: /Has 204 levels/,
  },
]) {
  test(`a filter with ${name} that makes the broker hang up is held back; the rest keeps flowing`, async ({
    viewer,
    broker,
    publisher,
    topicPrefix,
    page,
  }) => {
    const ok = `${topicPrefix}/ok/#`;
    const filter = bad(topicPrefix);
    const wire = watchWire(page, filter);
    // GIVEN a viewer opened from a link, connected with one granted subscription; with a connection of
    // its own (share=0): Playwright sees the frames of the page's own workers, not of a SharedWorker
    await viewer.open({ broker: broker.wsUrl, sub: ok, share: '0' });
    await viewer.expectConnected();
    await expect(viewer.subscription(ok)).toContainText('granted QoS 0');

    // WHEN the user types the filter Mosquitto hangs up on and presses Subscribe
    await viewer.topicFilter.fill(filter);
    await viewer.subscribeButton.click();
    // THEN a warning names the problem, nothing is sent yet, and the button offers to send it anyway
    await expect(page.getByRole('region', { name: 'Subscriptions' }).getByRole('alert')).toHaveText(warning);
    const anyway = page.getByRole('button', { name: 'Subscribe anyway', exact: true });
    await expect(anyway).toBeVisible();
    await expect(viewer.subscriptions.getByRole('listitem')).toHaveCount(1);
    expect(wire.subscribes).toBe(0);

    // WHEN the user presses Subscribe anyway
    await anyway.click();

    // THEN the subscription says the broker disconnected on it, with a Retry button
    const item = viewer.subscriptions.getByRole('listitem').filter({ hasText: HUNG_UP });
    await expect(item).toHaveCount(1);
    await expect(item.getByRole('button', { name: `Retry ${filter}`, exact: true })).toBeVisible();
    // AND the app reconnects by itself, and the other subscription is granted again
    await viewer.expectConnected();
    await expect(viewer.subscription(ok)).toContainText('granted QoS 0');

    // WHEN a message is published on the other subscription
    await publisher.publish(`${topicPrefix}/ok/1`, 'still flowing');
    // THEN it arrives
    await expect(viewer.row(`${topicPrefix}/ok/1`)).toBeVisible();
    // AND the bad filter was sent once only, over one reconnect, and the connection stays up
    expect(wire.subscribes, 'SUBSCRIBEs carrying the bad filter').toBe(1);
    expect(wire.connects, 'CONNECTs sent').toBe(2);
    await viewer.expectConnected();
    await expect(item).toContainText(HUNG_UP);
  });
}
