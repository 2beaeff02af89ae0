import type { Page } from '@playwright/test';
import { widgetHeight } from '../src/embed/snippet';
import { expect, test } from './fixtures/brokers';
import { serveHostPage } from './fixtures/hostPage';
import { PREVIEW_URL } from './fixtures/servers';

function widgetUrl(params: Record<string, string>): URL {
  const url = new URL('/embed.html', PREVIEW_URL);
  url.search = new URLSearchParams(params).toString();
  return url;
}

/** RGBA of the screenshot pixels at `points` (CSS px inside the element), decoded by the host page's own canvas. */
async function pixels(page: Page, png: Buffer, points: Array<[number, number]>): Promise<number[][]> {
  return page.evaluate(
    async ({ data, points }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${data}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.width;
      canvas.height = img.height;
      const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
      ctx.drawImage(img, 0, 0);
      return points.map(([x, y]) => [...ctx.getImageData(x, y, 1, 1).data]);
    },
    { data: png.toString('base64'), points },
  );
}

test('mode=latest shows one row per topic with its retained value and age, and marks stale rows in words', async ({
  page,
  broker,
  publisher,
  topicPrefix,
}) => {
  // GIVEN three health topics with retained values, published before the widget opens
  await publisher.publish(`${topicPrefix}/zuul/health`, JSON.stringify({ state: 'ok', queue: 3 }), {
    retain: true,
  });
  await publisher.publish(`${topicPrefix}/gerrit/health`, JSON.stringify({ state: 'ok', queue: 0 }), {
    retain: true,
  });
  await publisher.publish(`${topicPrefix}/pulp/health`, JSON.stringify({ state: 'degraded', queue: 41 }), {
    retain: true,
  });

  // WHEN a status board with stale=1 opens on them
  await page.setViewportSize({ width: 640, height: 600 });
  await page.goto(
    widgetUrl({
      broker: broker.wsUrl,
      sub: `${topicPrefix}/#`,
      mode: 'latest',
      stale: '1',
      rows: '5',
      fields: 'payload.state,payload.queue',
    }).href,
  );

  // THEN there is one row per topic, in name order, with the retained values as columns
  const board = page.getByRole('table', { name: 'Latest value per topic' });
  const rows = board.getByRole('row');
  await expect(rows).toHaveCount(4);
  await expect(board.getByRole('rowheader')).toHaveText([
    `${topicPrefix}/gerrit/health`,
    `${topicPrefix}/pulp/health`,
    `${topicPrefix}/zuul/health`,
  ]);
  const pulp = rows.filter({ hasText: `${topicPrefix}/pulp/health` });
  await expect(pulp.getByRole('cell').nth(0)).toHaveText('degraded');
  await expect(pulp.getByRole('cell').nth(1)).toHaveText('41');
  await expect(pulp).toContainText('retained');
  await expect(board).toContainText('3 topics');

  // AND once a value is a second old, its row says "stale" (not only in amber)
  await expect(pulp.getByRole('cell').nth(2)).toHaveText(/^stale, \d+ s/);
  await expect(pulp).toHaveClass(/w-stale/);

  // WHEN a topic gets a new value THEN its row shows it, still one row per topic
  await publisher.publish(`${topicPrefix}/pulp/health`, JSON.stringify({ state: 'ok', queue: 2 }));
  await expect(pulp.getByRole('cell').nth(0)).toHaveText('ok');
  await expect(rows).toHaveCount(4);

  // AND the widget is exactly as high as the Embed dialog suggests for 5 rows: no empty area, no scrollbar
  const box = await page.locator('.widget').boundingBox();
  expect(Math.round(box?.height ?? 0)).toBe(widgetHeight(5, 'latest'));
});

test('the log widget is as high as its rows from the first moment, and its default title reads as the subscriptions', async ({
  page,
  broker,
  publisher,
  topicPrefix,
}) => {
  // GIVEN a log widget with rows=5 and two subscriptions, before any message
  await page.goto(
    `/embed.html?broker=${encodeURIComponent(broker.wsUrl)}&sub=${encodeURIComponent(`${topicPrefix}/a/#`)}&sub=${encodeURIComponent(`${topicPrefix}/b/#`)}&rows=5`,
  );
  await expect(page.getByRole('status')).toHaveText(/live/);
  await expect(page.getByRole('link', { name: `${topicPrefix}/a/# + ${topicPrefix}/b/#` })).toBeVisible();
  const height = async () => Math.round((await page.locator('.widget').boundingBox())?.height ?? 0);
  expect(await height()).toBe(widgetHeight(5));

  // WHEN more messages arrive than it has rows THEN its height does not change
  for (let i = 0; i < 7; i++) await publisher.publish(`${topicPrefix}/a/${i}`, `message ${i}`);
  await expect(page.getByRole('table', { name: 'Latest messages' }).getByRole('row')).toHaveCount(6);
  expect(await height()).toBe(widgetHeight(5));
});

test('a widget says why it is down: credentials refused, broker unreachable', async ({
  page,
  broker,
  startOwnBroker,
  topicPrefix,
}) => {
  // GIVEN a widget on the listener that requires a login (a widget link never carries one)
  await page.goto(widgetUrl({ broker: broker.authWsUrl as string, sub: `${topicPrefix}/#` }).href);
  // THEN it says the credentials were refused, and why that cannot be fixed from the link
  await expect(page.getByRole('status')).toHaveText('disconnected: credentials refused');
  await expect(page.getByText(/refused the connection without credentials/)).toContainText(
    'A widget link never carries a password',
  );

  // GIVEN a widget whose broker is not running
  const gone = await startOwnBroker();
  const url = gone.wsUrl;
  await gone.stop();
  await page.goto(widgetUrl({ broker: url, sub: `${topicPrefix}/#` }).href);
  // THEN it says the broker is unreachable and that it keeps trying
  await expect(page.getByRole('status')).toHaveText('disconnected: broker unreachable');
  await expect(page.getByText(/The broker cannot be reached/)).toContainText('retrying');
});

test('a widget names the filter the broker hung up on, and keeps showing the others', async ({
  page,
  broker,
  publisher,
  topicPrefix,
}) => {
  // GIVEN a widget with a good subscription and one with a control character, which Mosquitto hangs up on
  await page.goto(
    widgetUrl({ broker: broker.wsUrl, sub: `${topicPrefix}/ok/#`, rows: '5' }).href +
      `&sub=${encodeURIComponent(`${topicPrefix}/bad\u0007x`)}`,
  );
  // THEN once it has reconnected without that filter it says which one the broker refused to carry
  await expect(
    page.getByText(/^The broker closed the connection on .*bad⟨U\+0007⟩x, so it is no longer subscribed\.$/),
  ).toBeVisible();
  await expect(page.getByRole('status')).toHaveText(/^live/);
  // AND the good subscription still delivers
  await publisher.publish(`${topicPrefix}/ok/1`, 'still flowing');
  await expect(page.getByRole('row').filter({ hasText: 'still flowing' })).toBeVisible();
});

/** A host page on its own origin that frames `src(origin)` and records the widget's answers. */
function commandingHost(src: (origin: string) => URL) {
  return serveHostPage(
    (origin) => `<!doctype html><title>Status</title>
    <iframe id="w" title="Firehose widget" src="${src(origin).href.replace(/&/g, '&amp;')}" width="600" height="260"></iframe>
    <script>
      window.acks = [];
      const frame = document.getElementById('w');
      addEventListener('message', (e) => {
        if (e.source === frame.contentWindow && e.data.type === 'firehose:ack') window.acks.push(e.data);
      });
      window.send = (command) => frame.contentWindow.postMessage(command, '*');
    </script>`,
  );
}

const acks = (page: Page) => page.evaluate(() => (window as unknown as { acks: unknown[] }).acks);
const send = (page: Page, command: object) =>
  page.evaluate((c) => (window as unknown as { send: (c: object) => void }).send(c), command);

test('host → widget commands are obeyed from the origin named in host=', async ({
  page,
  broker,
  publisher,
  topicPrefix,
}) => {
  // GIVEN a host page whose origin the widget link names in host=
  const host = await commandingHost((origin) =>
    widgetUrl({ broker: broker.wsUrl, sub: `${topicPrefix}/#`, rows: '5', host: origin }),
  );
  try {
    await page.goto(host.url);
    const frame = page.frameLocator('iframe[title="Firehose widget"]');
    await expect(frame.getByRole('status')).toHaveText(/live/);
    const rows = frame.getByRole('table', { name: 'Latest messages' }).getByRole('row');

    // WHEN the host sets the filter to one subtree THEN the widget shows only that subtree
    await send(page, { type: 'firehose:set-filter', filter: `topic:${topicPrefix}/keep/#` });
    await expect
      .poll(() => acks(page))
      .toEqual([{ type: 'firehose:ack', command: 'firehose:set-filter', accepted: true }]);
    await publisher.publish(`${topicPrefix}/drop/x`, 'not this one');
    await publisher.publish(`${topicPrefix}/keep/x`, 'this one');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(1)).toContainText('this one');

    // WHEN the host pauses it THEN it says so, and new messages wait until it resumes
    await send(page, { type: 'firehose:pause' });
    await expect(frame.getByRole('status')).toHaveText(/^paused by the host page/);
    await publisher.publish(`${topicPrefix}/keep/y`, 'after the pause');
    await send(page, { type: 'firehose:resume' });
    await expect(rows).toHaveCount(3);
    await expect(rows.nth(1)).toContainText('after the pause');
  } finally {
    await host.close();
  }
});

test('host → widget commands from an origin not named in host=, or with no host= at all, are ignored', async ({
  page,
  broker,
  publisher,
  topicPrefix,
}) => {
  for (const hosts of [{ host: 'https://status.example.org' }, {}] as Array<Record<string, string>>) {
    // GIVEN a widget that names another host origin, or none
    const host = await commandingHost(() =>
      widgetUrl({ broker: broker.wsUrl, sub: `${topicPrefix}/#`, rows: '5', ...hosts }),
    );
    try {
      await page.goto(host.url);
      const frame = page.frameLocator('iframe[title="Firehose widget"]');
      await expect(frame.getByRole('status')).toHaveText(/live/);

      // WHEN this page tells it to pause and to filter everything out
      await send(page, { type: 'firehose:pause' });
      await send(page, { type: 'firehose:set-filter', filter: 'topic:nothing/#' });

      // THEN it answers that it ignored both
      await expect.poll(async () => (await acks(page)).length).toBe(2);
      for (const ack of (await acks(page)) as Array<{ accepted: boolean; reason: string }>) {
        expect(ack.accepted).toBe(false);
        expect(ack.reason).toMatch(/not named in the widget link’s host= parameter/);
      }
      // AND it still shows new messages, unpaused and unfiltered ("live" only once its SUBSCRIBE is answered)
      await publisher.publish(`${topicPrefix}/still/here`, `flowing ${hosts.host ?? 'no host'}`);
      await expect(
        frame.getByRole('row').filter({ hasText: `flowing ${hosts.host ?? 'no host'}` }),
      ).toHaveCount(1);
      await expect(frame.getByRole('status')).not.toHaveText(/paused/);
    } finally {
      await host.close();
    }
  }
});

test('a widget with an invalid host= origin lists it as ignored, and obeys no page', async ({
  page,
  broker,
  topicPrefix,
}) => {
  await page.goto(
    widgetUrl({ broker: broker.wsUrl, sub: `${topicPrefix}/#`, host: '*,https://status.example.org/page' })
      .href,
  );
  await expect(page.getByText(/^Ignored:/)).toHaveText(
    'Ignored: host=* (name each trusted origin; * and null are refused); host=https://status.example.org/page (an origin is scheme://host[:port], with no path, query or fragment)',
  );
});

for (const [name, hostStyle, iframeStyle] of [
  ['a light host page that sets no color-scheme', '', 'border:0'],
  [
    'a host page in color-scheme dark, with the snippet as the Embed dialog writes it',
    'color-scheme: dark;',
    'border:0;color-scheme:light',
  ],
] as const) {
  test(`bg=transparent in the dark theme shows ${name} through the widget`, async ({
    page,
    broker,
    topicPrefix,
  }) => {
    // GIVEN a magenta host page framing a dark, transparent widget with 5 empty rows
    const src = widgetUrl({
      broker: broker.wsUrl,
      sub: `${topicPrefix}/#`,
      rows: '5',
      theme: 'dark',
      bg: 'transparent',
    });
    const host = await serveHostPage(`<!doctype html><title>Status</title>
      <style>:root { ${hostStyle} background: rgb(255, 0, 255); } body { margin: 0; }</style>
      <iframe title="Firehose widget" src="${src.href.replace(/&/g, '&amp;')}" width="400" height="${widgetHeight(5)}" style="${iframeStyle}"></iframe>`);
    try {
      await page.goto(host.url);
      const frame = page.frameLocator('iframe[title="Firehose widget"]');
      await expect(frame.getByRole('status')).toHaveText(/live/);

      // THEN the empty area of the widget shows the host's magenta, and the text is drawn in the dark theme's light colour
      const png = await page.locator('iframe').screenshot();
      const [top, middle, bottom] = await pixels(page, png, [
        [395, 2],
        [300, 120],
        [200, widgetHeight(5) - 4],
      ]);
      for (const pixel of [top, middle, bottom]) expect(pixel).toEqual([255, 0, 255, 255]);
      const color = await frame.locator('.widget-title').evaluate((el) => getComputedStyle(el).color);
      expect(color).toBe('rgb(220, 227, 234)');
    } finally {
      await host.close();
    }
  });
}
