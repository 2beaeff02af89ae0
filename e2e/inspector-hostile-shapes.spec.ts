import type { Page, TestInfo } from '@playwright/test';
import { expect, test } from './fixtures/brokers';
import { TopicTreePage } from './pages/TopicTreePage';

/**
 * Payloads shaped to hurt a viewer: absurd nesting, a million-element array, 10 MB of text, and topics
 * that lie about themselves with bidi and zero-width characters. Opening any of them must leave the page
 * responsive and bounded. Timing on a loaded 2-core CI machine is noisy, so the hard assertions are on
 * DOM size and on the page still answering a click; the worst frame gap is measured and reported (and
 * only bounded loosely, far below the 43 s the unbounded tree used to freeze for).
 */

type Probe = { maxGap: number; longest: number; frames: number; running: boolean };
type ProbeWindow = { __frameProbe: Probe };

/** A loose ceiling for one frame gap: catches a freeze, tolerates a loaded CI machine. */
const FREEZE_MS = 2_000;
/** The old tree rendered 1.56 million nodes for (b); the app itself is a few hundred. */
const MAX_DOM_NODES = 5_000;

/** Starts recording the longest gap between animation frames and the longest long task. */
async function startProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const probe = { maxGap: 0, longest: 0, frames: 0, running: true };
    (window as unknown as ProbeWindow).__frameProbe = probe;
    let last = performance.now();
    const tick = () => {
      const now = performance.now();
      probe.maxGap = Math.max(probe.maxGap, now - last);
      last = now;
      probe.frames++;
      if (probe.running) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) probe.longest = Math.max(probe.longest, entry.duration);
    }).observe({ type: 'longtask' });
  });
}

async function frames(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as ProbeWindow).__frameProbe.frames);
}

/** Waits for 30 more frames (the page keeps animating), stops the probe and reports what it saw. */
async function stopProbe(page: Page, testInfo: TestInfo, what: string): Promise<Probe> {
  const start = await frames(page);
  await expect
    .poll(() => frames(page), { message: 'the page keeps drawing frames', timeout: 30_000 })
    .toBeGreaterThan(start + 30);
  const probe = await page.evaluate(() => {
    const p = (window as unknown as ProbeWindow).__frameProbe;
    p.running = false;
    return { ...p };
  });
  const description = `worst frame gap ${probe.maxGap.toFixed(0)} ms, longest task ${probe.longest.toFixed(0)} ms, ${probe.frames} frames`;
  testInfo.annotations.push({ type: what, description });
  console.log(`${what}: ${description}`);
  return probe;
}

async function domNodes(page: Page): Promise<number> {
  return page.evaluate(() => {
    const walker = document.createTreeWalker(document, NodeFilter.SHOW_ALL);
    let n = 0;
    while (walker.nextNode()) n++;
    return n;
  });
}

test.describe('payloads shaped to freeze the inspector', () => {
  test.beforeEach(async ({ viewer, broker, topicPrefix }) => {
    // GIVEN a connected viewer subscribed to this test's topics
    await viewer.open();
    await viewer.connectTo(broker.wsUrl);
    await viewer.subscribeGranted(`${topicPrefix}/#`);
  });

  test('(a) a 20 kB payload nested 10,000 levels deep opens as raw text at once', async ({
    viewer,
    inspector,
    publisher,
    topicPrefix,
    page,
  }, testInfo) => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    expect(Buffer.byteLength(deep)).toBe(20_000);

    // WHEN it arrives and is opened
    await publisher.publish(`${topicPrefix}/deep`, deep);
    await expect(viewer.row(`${topicPrefix}/deep`)).toBeVisible();
    await startProbe(page);
    await viewer.openRow(`${topicPrefix}/deep`);

    // THEN a worker soon confirms it is valid JSON, and the page kept drawing frames meanwhile
    await expect(inspector.field('Format')).toHaveText('JSON');
    const probe = await stopProbe(page, testInfo, '10,000-deep payload');
    expect(probe.maxGap).toBeLessThan(FREEZE_MS);
    expect(await domNodes(page)).toBeLessThan(MAX_DOM_NODES);

    // AND it is shown as raw text, with the reason
    await expect(inspector.region).toContainText('Nested 10,000 levels deep, too deep to pretty-print');
    await expect(inspector.view('Text')).toBeChecked();
    await expect(inspector.view('Tree')).toHaveCount(0);
    await expect(inspector.view('JSON')).toHaveCount(0);
    await expect(inspector.payloadText).toContainText('[[[[[[[[[[');

    // AND the next click works
    await inspector.close.click();
    await expect(inspector.region).toHaveCount(0);
  });

  test('(b) a 1 MB array of 100×100×50 zeros opens pretty-printed and as a bounded tree', async ({
    viewer,
    inspector,
    publisher,
    topicPrefix,
    page,
  }, testInfo) => {
    test.setTimeout(60_000);
    const zeros = JSON.stringify(
      Array.from({ length: 100 }, () => Array.from({ length: 100 }, () => new Array(50).fill(0))),
    );
    expect(Buffer.byteLength(zeros)).toBe(1_020_201);

    // WHEN it arrives (see whileNudgingBroker: Mosquitto sends big frames slowly) and is opened
    await publisher.publish(`${topicPrefix}/zeros`, zeros);
    await publisher.whileNudgingBroker(() => expect(viewer.row(`${topicPrefix}/zeros`)).toBeVisible());
    await startProbe(page);
    await viewer.openRow(`${topicPrefix}/zeros`);

    // THEN the page keeps drawing frames while the pretty view fills in, a few chunks per frame
    await expect(inspector.field('Format')).toHaveText('JSON');
    const probe = await stopProbe(page, testInfo, '1 MB of zeros, pretty view');
    expect(probe.maxGap).toBeLessThan(FREEZE_MS);
    expect(await domNodes(page)).toBeLessThan(MAX_DOM_NODES);
    // AND it shows the first 256 k characters of the 5.5 M-character pretty text, and offers the rest
    await expect(inspector.view('JSON')).toBeChecked();
    await inspector.waitUntilFilled();
    await expect(inspector.payload).toContainText(
      /Showing the first 262,1\d\d characters of the pretty view\./,
    );
    await expect(inspector.showAll).toHaveText('Show all');
    expect(
      await inspector.payloadText.evaluate((pre) =>
        pre.textContent?.startsWith('[\n  [\n    [\n      0,\n      0,'),
      ),
    ).toBe(true);

    // WHEN the Tree view is chosen
    await inspector.view('Tree').click();
    // THEN only the root is open: 100 closed rows of 100 items each
    const rows = inspector.jsonTree.locator('details');
    await expect(rows).toHaveCount(101);
    await expect(inspector.jsonTree.locator('summary').nth(1)).toHaveText('0: [ 100 items ]');
    expect(await domNodes(page)).toBeLessThan(MAX_DOM_NODES);

    // WHEN one row is opened THEN its 100 children appear, closed, and the page stays small
    await inspector.jsonTree.locator('summary').nth(1).click();
    await expect(rows).toHaveCount(201);
    expect(await domNodes(page)).toBeLessThan(MAX_DOM_NODES);
    await inspector.close.click();
    await expect(inspector.region).toHaveCount(0);
  });

  test('(c) a 10 MB text payload opens as a 256 kB preview with Show all', async ({
    viewer,
    inspector,
    publisher,
    topicPrefix,
    page,
  }, testInfo) => {
    test.setTimeout(120_000);
    const line = 'zuul: build 934512 finished SUCCESS in check pipeline, log at /logs/12/934512/3/check/\n';
    const text = `${line.repeat(Math.ceil(10_000_000 / line.length))}THE END`;
    expect(text.length).toBeGreaterThan(10_000_000);

    // WHEN it arrives and is opened
    await publisher.publish(`${topicPrefix}/big-text`, text);
    await publisher.whileNudgingBroker(() =>
      expect(viewer.row(`${topicPrefix}/big-text`)).toBeVisible({ timeout: 60_000 }),
    );
    await startProbe(page);
    await viewer.openRow(`${topicPrefix}/big-text`);

    // THEN a worker checks all 10 MB while the page keeps drawing frames
    await expect(inspector.field('Format')).toHaveText('UTF-8 text', { timeout: 30_000 });
    const opening = await stopProbe(page, testInfo, '10 MB text payload, opening');
    expect(opening.maxGap).toBeLessThan(FREEZE_MS);
    expect(await domNodes(page)).toBeLessThan(MAX_DOM_NODES);

    // AND the text view shows exactly its first 256 kB, and offers the rest
    await expect(inspector.view('Text')).toBeChecked();
    await inspector.waitUntilFilled();
    await expect(inspector.payload).toContainText('Showing the first 262.1 kB of 10.0 MB.');
    await expect(inspector.showAll).toHaveText('Show all (9.7 MB more)');
    const shown = await inspector.payloadText.evaluate((pre) => pre.textContent ?? '');
    expect(shown.length).toBe(256 * 1024);
    expect(text.startsWith(shown)).toBe(true);

    // AND Copy does not build a 10 MB string: it says to download instead
    await inspector.region.getByRole('button', { name: 'Copy payload' }).click();
    await expect(inspector.region).toContainText(
      'Not copied: 10.0 MB is over the 1.0 MB copy limit. Use Download.',
    );

    // WHEN Show all is pressed THEN the rest streams in while the page keeps drawing frames
    await startProbe(page);
    await inspector.showAll.click();
    // (a handle resolved once: see InspectorPage.waitUntilFilled)
    const pre = await inspector.payloadText.elementHandle();
    const chunks = () => pre?.evaluate((el) => el.childElementCount) ?? 0;
    const before = await chunks();
    await expect.poll(chunks, { timeout: 30_000 }).toBeGreaterThan(before + 20);
    const streaming = await stopProbe(page, testInfo, '10 MB text payload, Show all');
    expect(streaming.maxGap).toBeLessThan(FREEZE_MS);
    // AND closing the inspector in the middle of it works
    await inspector.close.click();
    await expect(inspector.region).toHaveCount(0);
  });
});

test('(d) a topic with a right-to-left override shows the override, with a warning, in the inspector and tree', async ({
  viewer,
  inspector,
  broker,
  publisher,
  topicPrefix,
  page,
}) => {
  const tree = new TopicTreePage(page);
  // GIVEN a connected viewer subscribed to this test's topics
  await viewer.open();
  await viewer.connectTo(broker.wsUrl);
  await viewer.subscribeGranted(`${topicPrefix}/#`);

  // WHEN a message arrives on a topic that renders as `hostile/alerts/ok`, with a zero-width space in its text
  await publisher.publish(`${topicPrefix}/hostile/\u202Eko/strela`, 'spoof-check: admin\u200B/login');
  await viewer.expectReceived(1);
  await viewer.openRow('spoof-check');

  // THEN the inspector shows the override as a code, not as reordered text, with the warning mark
  const topicField = inspector.field('Topic');
  await expect(topicField).toContainText(`${topicPrefix}/hostile/⟨U+202E⟩ko/strela`);
  await expect(inspector.hiddenMarks(topicField)).toHaveCount(1);
  await expect(inspector.hiddenMarks(topicField)).toHaveAttribute(
    'title',
    'Contains hidden or control characters',
  );
  // AND the payload's zero-width space is shown too, with a note
  await expect(inspector.payloadText).toHaveText('spoof-check: admin⟨U+200B⟩/login');
  await expect(inspector.payload).toContainText('1 hidden or control character is shown as ⟨U+…⟩ codes.');

  // AND the topic tree names the level with the code and carries the mark
  await tree.search.fill('strela');
  const level = tree.item('⟨U+202E⟩ko');
  await expect(level).toHaveAccessibleName(
    /^⟨U\+202E⟩ko, contains hidden or control characters, 1 message, /,
  );
  await expect(inspector.hiddenMarks(level)).toHaveCount(1);
  await expect(tree.item('strela')).toBeVisible();
});
