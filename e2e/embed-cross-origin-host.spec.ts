import { expect, test } from './fixtures/brokers';
import { serveHostPage } from './fixtures/hostPage';
import { PREVIEW_URL } from './fixtures/servers';

interface Posted {
  type: string;
  height?: number;
  topic?: string;
  payload?: unknown;
  level?: string;
}

test('a status page on another origin embeds the widget and receives resize and message events', async ({
  page,
  broker,
  publisher,
  topicPrefix,
}) => {
  // GIVEN a host page on another origin whose iframe shows the widget with events=1
  const widget = new URL('/embed.html', PREVIEW_URL);
  widget.search = new URLSearchParams({
    broker: broker.wsUrl,
    sub: `${topicPrefix}/#`,
    embed: '1',
    rows: '5',
    fields: 'payload.change.project,payload.type',
    title: 'Gerrit feed',
    events: '1',
  }).toString();
  const host = await serveHostPage(`<!doctype html><title>Status</title><h1>Status page</h1>
    <iframe id="w" title="Firehose widget" src="${widget.href.replace(/&/g, '&amp;')}" width="560" height="200"></iframe>
    <script>
      window.posted = [];
      const frame = document.getElementById('w');
      addEventListener('message', (e) => {
        if (e.source !== frame.contentWindow) return;
        window.posted.push(e.data);
        if (e.data.type === 'firehose:resize') frame.height = e.data.height;
      });
    </script>`);
  try {
    await page.goto(host.url);
    const frame = page.frameLocator('iframe[title="Firehose widget"]');
    await expect(frame.getByRole('status')).toHaveText(/live/);
    const posted = () => page.evaluate(() => (window as unknown as { posted: Posted[] }).posted);

    // WHEN two events are published
    await publisher.publish(
      `${topicPrefix}/nova/change-merged`,
      JSON.stringify({ type: 'change-merged', change: { project: 'openstack/nova' } }),
    );
    await publisher.publish(`${topicPrefix}/ci/notice`, 'gate is green');

    // THEN the widget shows them newest first, with the requested fields as columns
    const rows = frame.getByRole('table', { name: 'Latest messages' }).getByRole('row');
    await expect(rows).toHaveCount(3);
    await expect(frame.getByRole('columnheader', { name: 'project' })).toBeVisible();
    await expect(rows.nth(1)).toContainText(`${topicPrefix}/ci/notice`);
    await expect(rows.nth(2)).toContainText('openstack/nova');
    await expect(rows.nth(2)).toContainText('change-merged');

    // AND a command from this page is ignored: the link names no host= origin, so no page may steer it
    await page.evaluate(() =>
      (document.getElementById('w') as HTMLIFrameElement).contentWindow?.postMessage(
        { type: 'firehose:set-filter', filter: 'topic:nothing/#' },
        '*',
      ),
    );
    await expect
      .poll(async () => (await posted()).filter((m) => m.type === 'firehose:ack'))
      .toEqual([
        {
          type: 'firehose:ack',
          command: 'firehose:set-filter',
          accepted: false,
          reason: 'this page is not named in the widget link’s host= parameter',
        },
      ]);
    await publisher.publish(`${topicPrefix}/ci/after`, 'still unfiltered');
    await expect(rows.nth(1)).toContainText(`${topicPrefix}/ci/after`);

    // AND the host received a resize to the widget's content height and one message per displayed event
    await expect
      .poll(async () =>
        (await posted()).filter((m) => m.type === 'firehose:message').map((m) => [m.topic, m.payload]),
      )
      .toEqual([
        [
          `${topicPrefix}/nova/change-merged`,
          { type: 'change-merged', change: { project: 'openstack/nova' } },
        ],
        [`${topicPrefix}/ci/notice`, 'gate is green'],
        [`${topicPrefix}/ci/after`, 'still unfiltered'],
      ]);
    const resizes = (await posted()).filter((m) => m.type === 'firehose:resize');
    expect(resizes.length).toBeGreaterThan(0);
    const lastHeight = resizes.at(-1)?.height ?? 0;
    const box = await frame.locator('.widget').boundingBox();
    expect(Math.abs(lastHeight - (box?.height ?? 0))).toBeLessThanOrEqual(1);
    expect((await posted()).some((m) => m.type === 'firehose:status' && m.level === 'live')).toBe(true);

    // AND the title opens the full viewer in a new tab on the same view
    const title = frame.getByRole('link', { name: 'Gerrit feed' });
    await expect(title).toHaveAttribute('target', '_blank');
    const href = new URL((await title.getAttribute('href')) ?? '', widget);
    expect(href.pathname).toBe('/');
    expect(href.searchParams.get('broker')).toBe(`${broker.wsUrl}/`);
    expect(href.searchParams.getAll('sub')).toEqual([`${topicPrefix}/#`]);
    expect(href.searchParams.get('embed')).toBeNull();
  } finally {
    await host.close();
  }
});

test('the widget shows no scrollbars at its default size', async ({
  page,
  broker,
  publisher,
  topicPrefix,
}) => {
  // GIVEN the widget at the size the Embed dialog suggests, with ten long messages
  await page.setViewportSize({ width: 560, height: 328 });
  await page.goto(
    `/embed.html?broker=${encodeURIComponent(broker.wsUrl)}&sub=${encodeURIComponent(`${topicPrefix}/#`)}`,
  );
  await expect(page.getByRole('status')).toHaveText(/live/);
  for (let i = 0; i < 12; i++) {
    await publisher.publish(`${topicPrefix}/very/long/topic/name/for/row/${i}`, 'x'.repeat(400));
  }
  await expect(page.getByRole('table', { name: 'Latest messages' }).getByRole('row')).toHaveCount(11);

  // THEN nothing overflows the page
  const overflow = await page.evaluate(() => ({
    x: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    y: document.documentElement.scrollHeight - document.documentElement.clientHeight,
  }));
  expect(overflow).toEqual({ x: 0, y: 0 });
});
