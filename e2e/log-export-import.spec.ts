import { readFile, writeFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/brokers';
import { InspectorPage } from './pages/InspectorPage';
import { ViewerPage } from './pages/ViewerPage';

const PNG_HEAD = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]);

const exportButton = (page: Page) => page.getByRole('button', { name: 'Export', exact: true });
const importButton = (page: Page) => page.getByRole('button', { name: 'Import', exact: true });

/** Opens Export's menu and picks an item; resolves with the download's text and suggested name. */
async function exportVia(page: Page, item: RegExp): Promise<{ name: string; text: string }> {
  await exportButton(page).click();
  const menu = page.getByRole('menu', { name: 'Export' });
  await expect(menu).toBeVisible();
  const download = page.waitForEvent('download');
  await menu.getByRole('menuitem', { name: item }).click();
  const file = await download;
  const path = await file.path();
  return { name: file.suggestedFilename(), text: await readFile(path, 'utf8') };
}

/** Presses Import and answers the file picker with `file` (a path, or a name and content under 50 MB). */
async function importVia(page: Page, file: string | { name: string; buffer: Buffer }): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await importButton(page).click();
  await (await chooser).setFiles(
    typeof file === 'string' ? file : { ...file, mimeType: 'application/x-ndjson' },
  );
}

test('Export writes the buffer as NDJSON, and Import in a fresh viewer shows the same rows and payloads', async ({
  viewer,
  inspector,
  broker,
  publisher,
  topicPrefix,
  page,
  browser,
}) => {
  // Two viewers (the live one and a fresh one that imports), each opening rows in the inspector.
  test.setTimeout(60_000);
  const t = (s: string) => `${topicPrefix}/${s}`;
  // GIVEN a retained status, then JSON, text, binary and an MQTT 5 message with user properties
  await publisher.publish(t('status/ci'), 'green', { retain: true, qos: 1 });
  await viewer.open();
  await viewer.connectTo(broker.wsUrl);
  await viewer.subscribeGranted(`${topicPrefix}/#`, 1);
  await expect(viewer.row(t('status/ci'))).toBeVisible();
  await publisher.publish(t('gerrit/change-merged'), '{"type":"change-merged","change":{"number":934512}}', {
    qos: 1,
  });
  await publisher.publish(t('build/log'), 'build 41 passed: 1,204 tests, 0 failures');
  await publisher.publish(t('camera/frame'), PNG_HEAD);
  await publisher.publish(t('rpc/request'), '{"op":"recheck"}', {
    properties: {
      contentType: 'application/json',
      userProperties: { source: 'zuul', trace: ['span-1', 'span-2'] },
      correlationData: Buffer.from('req-42'),
    },
  });
  await viewer.expectReceived(5);
  const rowsBefore = await viewer.rows.allInnerTexts();
  expect(rowsBefore).toHaveLength(5);
  await viewer.openRow(t('gerrit/change-merged'));
  const jsonBefore = (await inspector.payload.textContent()) ?? '';
  await viewer.openRow(t('rpc/request'));
  await expect(inspector.userProperties).toBeVisible();
  const propsBefore = await inspector.userPropertyPairs();

  // WHEN the user presses Import while connected
  await importButton(page).click();
  // THEN it is refused with the reason, and nothing is imported
  await expect(viewer.notices).toContainText('Disconnect before importing');

  // WHEN the user exports the whole buffer, by keyboard: Export opens its menu on the first item
  await exportButton(page).focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu', { name: 'Export' });
  await expect(menu.getByRole('menuitem', { name: 'Export the 5 messages shown' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Export all 5 buffered' })).toBeFocused();
  const download = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  const file = await download;
  const name = file.suggestedFilename();
  const text = await readFile(await file.path(), 'utf8');
  // AND the menu closes, handing focus back to Export
  await expect(menu).toHaveCount(0);
  await expect(exportButton(page)).toBeFocused();

  // THEN it is an ordinary .ndjson download: one JSON object per message per line, nothing else
  expect(name).toMatch(/^firehose-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.ndjson$/);
  expect(text.endsWith('\n')).toBe(true);
  const lines = text
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l));
  expect(lines.map((l) => l.topic)).toEqual([
    t('status/ci'),
    t('gerrit/change-merged'),
    t('build/log'),
    t('camera/frame'),
    t('rpc/request'),
  ]);
  for (const l of lines) {
    expect(l.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(Object.keys(l).filter((k) => k !== 'properties')).toEqual([
      'time',
      'topic',
      'qos',
      'retain',
      'payload',
      'encoding',
    ]);
  }
  expect(lines[0]).toMatchObject({ qos: 1, retain: true, payload: 'green', encoding: 'utf8' });
  expect(lines[1]).toMatchObject({ qos: 1, retain: false, encoding: 'utf8' });
  expect(JSON.parse(lines[1].payload)).toEqual({ type: 'change-merged', change: { number: 934512 } });
  expect(lines[2]).toMatchObject({
    qos: 0,
    payload: 'build 41 passed: 1,204 tests, 0 failures',
    encoding: 'utf8',
  });
  expect(lines[3]).toMatchObject({ payload: Buffer.from(PNG_HEAD).toString('base64'), encoding: 'base64' });
  expect(lines.slice(0, 4).every((l) => l.properties === undefined)).toBe(true);
  expect(lines[4].properties).toMatchObject({
    contentType: 'application/json',
    correlationData: Buffer.from('req-42').toString('base64'),
  });
  expect([...lines[4].properties.userProperties].sort()).toEqual(
    [
      ['source', 'zuul'],
      ['trace', 'span-1'],
      ['trace', 'span-2'],
    ].sort(),
  );

  // WHEN a fresh viewer (new browser context: no saved settings, never connected) imports that file
  const context = await browser.newContext();
  try {
    const fresh = await context.newPage();
    const errors: string[] = [];
    fresh.on('pageerror', (e) => errors.push(e.message));
    const offline = new ViewerPage(fresh);
    const offlineInspector = new InspectorPage(fresh);
    await offline.open();
    await importVia(fresh, { name, buffer: Buffer.from(text) });

    // THEN the log shows the same rows: times, topics, previews, sizes and flags
    await expect(offline.rows).toHaveCount(5);
    expect(await offline.rows.allInnerTexts()).toEqual(rowsBefore);
    await expect(offline.notices).toContainText(`Imported 5 messages from ${name}.`);
    // AND they are counted as imported, not received
    await expect(offline.messagesReceived).toHaveText('Messages received 0');
    await expect(fresh.getByText('5 imported', { exact: true })).toBeVisible();
    // AND the inspector shows the same payload and properties
    await offline.openRow(t('gerrit/change-merged'));
    await expect(offlineInspector.payload).toHaveText(jsonBefore);
    await offline.openRow(t('rpc/request'));
    await expect.poll(() => offlineInspector.userPropertyPairs()).toEqual(propsBefore);
    await expect(offlineInspector.field('Correlation data')).toHaveText('req-42');
    // AND the filter works on imported messages
    await fresh.getByRole('searchbox', { name: 'Filter messages' }).fill('topic:+/+/camera/#');
    await expect(offline.rows).toHaveCount(1);
    await expect(offline.rows).toContainText(t('camera/frame'));
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
});

test('a malformed file dropped on the log imports its good lines and reports lines 2 and 4', async ({
  viewer,
  page,
}) => {
  const good = (topic: string, payload: string) =>
    JSON.stringify({
      time: '2024-05-01T12:00:00.000Z',
      topic,
      qos: 0,
      retain: false,
      payload,
      encoding: 'utf8',
    });
  const text = [
    good('plant/a/temp', '21.5'),
    '{"time":"2024-05-01T12:00:01.000Z","topic":"plant/b/temp",',
    good('plant/c/temp', '19.0'),
    JSON.stringify({
      time: '2024-05-01T12:00:03.000Z',
      topic: 'plant/d/temp',
      qos: 0,
      retain: false,
      payload: 'not*base64',
      encoding: 'base64',
    }),
    good('plant/e/temp', '22.1'),
    '',
  ].join('\n');

  // GIVEN a fresh viewer, not connected
  await viewer.open();

  // WHEN the file is dropped on the log
  const files = await page.evaluateHandle((content) => {
    const data = new DataTransfer();
    data.items.add(new File([content], 'plant.ndjson', { type: 'application/x-ndjson' }));
    return data;
  }, text);
  await viewer.log.dispatchEvent('dragenter', { dataTransfer: files });
  await viewer.log.dispatchEvent('dragover', { dataTransfer: files });
  await viewer.log.dispatchEvent('drop', { dataTransfer: files });

  // THEN the good lines are in the log
  await expect(viewer.rows).toHaveCount(3);
  expect((await viewer.rows.allInnerTexts()).map((r) => r.match(/plant\/\w\/temp/)?.[0])).toEqual([
    'plant/a/temp',
    'plant/c/temp',
    'plant/e/temp',
  ]);
  // AND the notice names the bad lines with their reasons and the total
  const notice = viewer.notices.getByRole('listitem').filter({ hasText: 'plant.ndjson' });
  await expect(notice).toContainText('Imported 3 messages from plant.ndjson.');
  await expect(notice).toContainText('Skipped 2 malformed lines: line 2: not valid JSON');
  await expect(notice).toContainText('line 4: "payload" is not valid base64');
});

test('a 100,000-message file imports with progress and keeps the newest the buffer holds; Export of the filtered view writes only it', async ({
  viewer,
  page,
}, testInfo) => {
  test.setTimeout(90_000);
  const pad = 'x'.repeat(480);
  const t0 = Date.UTC(2024, 4, 1, 12);
  const lines: string[] = [];
  for (let i = 0; i < 100_000; i++) {
    lines.push(
      JSON.stringify({
        time: new Date(t0 + i * 10).toISOString(),
        topic: `gerrit/p${i % 20}/change-merged`,
        qos: 0,
        retain: false,
        payload: JSON.stringify({ type: 'change-merged', n: i, pad }),
        encoding: 'utf8',
      }),
    );
  }

  // GIVEN a fresh viewer with the default buffer of 50,000 messages
  await viewer.open();
  await expect(page.getByRole('textbox', { name: 'Buffer size' })).toHaveValue('50000');

  // WHEN a 100,000-message file (~55 MB) is imported, sampling the page's progress bar every frame
  // (polling from the test could miss it on a fast machine; frames also show the page kept drawing)
  await page.evaluate(() => {
    const seen: Array<{ value: number; text: string }> = [];
    (window as unknown as { __importProgress: typeof seen }).__importProgress = seen;
    const sample = () => {
      const bar = document.querySelector<HTMLProgressElement>('progress[aria-label="Import progress"]');
      if (bar) seen.push({ value: bar.value, text: bar.parentElement?.textContent ?? '' });
      requestAnimationFrame(sample);
    };
    requestAnimationFrame(sample);
  });
  const path = testInfo.outputPath('big.ndjson');
  await writeFile(path, `${lines.join('\n')}\n`);
  await importVia(page, path);

  // THEN the notice says what the buffer kept
  await expect(viewer.notices).toContainText(
    'Imported 100,000 messages from big.ndjson. The buffer kept the last 50,000 (Buffer size 50,000',
    { timeout: 60_000 },
  );
  await expect(page.getByRole('progressbar', { name: 'Import progress' })).toHaveCount(0);
  // AND progress showed while it ran, rising, over several frames
  const seen = await page.evaluate(
    () =>
      (window as unknown as { __importProgress: Array<{ value: number; text: string }> }).__importProgress,
  );
  expect(seen.length).toBeGreaterThan(2);
  expect(seen.some((s) => s.value > 0 && s.value < 100)).toBe(true);
  expect(seen.map((s) => s.value)).toEqual([...seen.map((s) => s.value)].sort((a, b) => a - b));
  expect(seen.at(-1)?.text).toMatch(/^Importing… \d+%/);

  // WHEN the view is filtered to one project and Export writes the messages shown
  await page.getByRole('searchbox', { name: 'Filter messages' }).fill('topic:gerrit/p7/#');
  await page.getByRole('searchbox', { name: 'Filter messages' }).press('Enter');
  const { text } = await exportVia(page, /^Export the 2,500 messages shown$/);

  // THEN the file holds exactly those, newest last: 1 in 20 of the last 50,000 of the file
  const out = text.trimEnd().split('\n');
  expect(out).toHaveLength(2500);
  expect(out.every((l) => JSON.parse(l).topic === 'gerrit/p7/change-merged')).toBe(true);
  expect(out.at(-1)).toBe(lines[99_987]);
});
