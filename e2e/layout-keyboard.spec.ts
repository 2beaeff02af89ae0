import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/brokers';

const focusIsOnBody = (page: Page) => page.evaluate(() => document.activeElement === document.body);

test('shortcuts: / focuses the filter, Space and p pause outside text fields, ? lists the shortcuts, Escape closes dialog and inspector with focus kept', async ({
  page,
  viewer,
  broker,
  publisher,
  topicPrefix,
}) => {
  // GIVEN a connected view with a message in the log
  await viewer.open({ broker: broker.wsUrl, sub: `${topicPrefix}/#` });
  await viewer.expectConnected('5');
  await publisher.publish(`${topicPrefix}/gerrit/change-merged`, '{"type":"change-merged"}');
  await expect(viewer.row('change-merged')).toBeVisible();
  const filter = page.getByRole('searchbox', { name: 'Filter messages' });
  const pause = page.getByRole('button', { name: 'Pause' });
  const resume = page.getByRole('button', { name: 'Resume' });

  // WHEN the user presses / anywhere THEN Filter messages has focus
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('/');
  await expect(filter).toBeFocused();

  // AND p typed in the field is text, not a shortcut
  await page.keyboard.type('p');
  await expect(filter).toHaveValue('p');
  await expect(pause).toBeVisible();
  await filter.fill('');

  // WHEN focus is outside text fields THEN p pauses and Space resumes
  await page.keyboard.press('Escape');
  await page.getByRole('heading', { name: 'Firehose Viewer' }).click();
  await page.keyboard.press('p');
  await expect(resume).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press(' ');
  await expect(pause).toHaveAttribute('aria-pressed', 'false');

  // WHEN ? is pressed THEN the Keyboard shortcuts dialog lists them
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Focus Filter messages');
  await expect(dialog).toContainText('Pause or resume');
  // AND Escape closes it, and focus lands on a control, not the page body
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect.poll(() => focusIsOnBody(page)).toBe(false);

  // WHEN the Embed dialog is closed with Escape THEN focus is back on the Embed button
  const embed = page.getByRole('button', { name: 'Embed' });
  await embed.click();
  await expect(page.getByRole('dialog', { name: 'Embed this view' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Embed this view' })).toBeHidden();
  await expect(embed).toBeFocused();

  // WHEN a message is open in the inspector and Escape is pressed
  await viewer.openRow('change-merged');
  const inspector = page.getByRole('region', { name: 'Message inspector' });
  await page.keyboard.press('Escape');
  // THEN the inspector closes and focus goes to the row it showed
  await expect(inspector).toBeHidden();
  await expect(viewer.row('change-merged')).toBeFocused();

  // WHEN the inspector is closed with its button THEN focus goes back to the row, not the body
  await viewer.openRow('change-merged');
  await page.getByRole('button', { name: 'Close inspector' }).click();
  await expect(inspector).toBeHidden();
  await expect(viewer.row('change-merged')).toBeFocused();
});

test('after Unsubscribe focus goes to the next subscription, then to the Topic filter field', async ({
  page,
  viewer,
  broker,
  topicPrefix,
}) => {
  // GIVEN two subscriptions
  // share=0: the page object counts UNSUBACKs on the page's own WebSocket, which a SharedWorker's is not.
  await viewer.open({ broker: broker.wsUrl, sub: [`${topicPrefix}/a`, `${topicPrefix}/b`], share: '0' });
  await viewer.expectConnected('5');
  await expect(viewer.subscription(`${topicPrefix}/b`)).toContainText('granted');

  // WHEN the first is unsubscribed THEN focus moves to the remaining one's Unsubscribe button
  await viewer.unsubscribe(`${topicPrefix}/a`);
  await expect(page.getByRole('button', { name: `Unsubscribe ${topicPrefix}/b`, exact: true })).toBeFocused();

  // WHEN the last is unsubscribed THEN focus moves to the Topic filter field
  await viewer.unsubscribe(`${topicPrefix}/b`);
  await expect(viewer.topicFilter).toBeFocused();
});

test('the skip link leads to the messages', async ({ page, viewer, broker, publisher, topicPrefix }) => {
  // GIVEN a log with a message
  await viewer.open({ broker: broker.wsUrl, sub: `${topicPrefix}/#` });
  await viewer.expectConnected('5');
  await publisher.publish(`${topicPrefix}/x`, '{"type":"ref-updated"}');
  await expect(viewer.row('ref-updated')).toBeVisible();

  // WHEN the user tabs into the page THEN the first stop is Skip to messages
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to messages' });
  await expect(skip).toBeFocused();
  // AND following it puts focus on a message row
  await page.keyboard.press('Enter');
  await expect(viewer.row('ref-updated')).toBeFocused();
});

test('panels resize by keyboard, hide and show, and the layout is remembered across a reload', async ({
  page,
  viewer,
}) => {
  // Four reloads of the app: ~20 s on a loaded two-core machine.
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 1440, height: 860 });
  await viewer.open();
  const sidebar = page.getByRole('complementary', { name: 'Subscriptions and topics' });
  const separator = page.getByRole('separator', { name: 'Resize sidebar' });
  const before = Number(await separator.getAttribute('aria-valuenow'));
  const widthBefore = (await sidebar.boundingBox())?.width ?? 0;
  await expect(separator).toHaveAttribute('aria-valuemin', /\d+/);
  await expect(separator).toHaveAttribute('aria-valuemax', /\d+/);

  // WHEN the separator is focused and ArrowRight pressed four times
  await separator.focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  // THEN its value and the sidebar's width grow by the same 64 px
  await expect(separator).toHaveAttribute('aria-valuenow', String(before + 64));
  await expect
    .poll(async () => Math.round((await sidebar.boundingBox())?.width ?? 0))
    .toBe(Math.round(widthBefore + 64));

  // WHEN the page is reloaded THEN the width is remembered
  await page.reload();
  await expect(separator).toHaveAttribute('aria-valuenow', String(before + 64));

  // WHEN the sidebar is hidden THEN it goes, and a Show sidebar button takes its place, also after a reload
  await page.getByRole('button', { name: 'Hide sidebar' }).click();
  await expect(sidebar).toBeHidden();
  await expect(page.getByRole('button', { name: 'Show sidebar' })).toBeFocused();
  await page.reload();
  await expect(sidebar).toBeHidden();
  await page.getByRole('button', { name: 'Show sidebar' }).click();
  await expect(sidebar).toBeVisible();
  await expect(page.getByRole('button', { name: 'Hide sidebar' })).toBeFocused();

  // WHEN the stored layout is corrupt THEN the app opens with the default layout
  await page.evaluate(() => localStorage.setItem('firehose-viewer:layout:v1', '{"sidebarWidth":'));
  await page.reload();
  await expect(sidebar).toBeVisible();
  await expect(separator).toHaveAttribute('aria-valuenow', String(before));
});

test('the inspector resizes by keyboard and hides without losing the selection', async ({
  page,
  viewer,
  broker,
  publisher,
  topicPrefix,
}) => {
  await page.setViewportSize({ width: 1440, height: 860 });
  await viewer.open({ broker: broker.wsUrl, sub: `${topicPrefix}/#` });
  await viewer.expectConnected('5');
  await publisher.publish(`${topicPrefix}/x`, '{"type":"ref-updated"}');
  await viewer.openRow('ref-updated');
  const inspector = page.getByRole('region', { name: 'Message inspector' });
  const separator = page.getByRole('separator', { name: 'Resize inspector' });
  const before = Number(await separator.getAttribute('aria-valuenow'));

  // WHEN ArrowLeft is pressed on the inspector's separator THEN the inspector grows
  await separator.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(separator).toHaveAttribute('aria-valuenow', String(before + 16));

  // WHEN Hide inspector is pressed THEN it collapses, the row stays selected, and Show inspector brings it back
  await page.getByRole('button', { name: 'Hide inspector' }).click();
  await expect(inspector).toBeHidden();
  await expect(viewer.row('ref-updated')).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('button', { name: 'Show inspector' }).click();
  await expect(inspector).toBeVisible();
});

test('Clear asks nothing and can be undone', async ({ page, viewer, broker, publisher, topicPrefix }) => {
  // GIVEN two messages in the log
  await viewer.open({ broker: broker.wsUrl, sub: `${topicPrefix}/#` });
  await viewer.expectConnected('5');
  await publisher.publish(`${topicPrefix}/one`, '{"n":1}');
  await publisher.publish(`${topicPrefix}/two`, '{"n":2}');
  await expect(viewer.row(`${topicPrefix}/two`)).toBeVisible();

  // WHEN Clear is pressed THEN the log is empty at once, no question asked
  await page.getByRole('button', { name: 'Clear' }).click();
  await expect(viewer.rows).toHaveCount(0);

  // WHEN Undo is pressed THEN both messages are back, and focus stays on Clear
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(viewer.row(`${topicPrefix}/one`)).toBeVisible();
  await expect(viewer.row(`${topicPrefix}/two`)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Clear' })).toBeFocused();
});

test('at 390 px there is no horizontal scroll, the log shows time, topic and message, and every control is reachable', async ({
  page,
  viewer,
  broker,
  publisher,
  topicPrefix,
}) => {
  // GIVEN a phone-sized screen and a connected view with a message open
  await page.setViewportSize({ width: 390, height: 844 });
  await viewer.open({ broker: broker.wsUrl, sub: `${topicPrefix}/#` });
  await viewer.expectConnected('5');
  await publisher.publish(`${topicPrefix}/gerrit/change-merged`, '{"type":"change-merged"}');
  const row = viewer.row('change-merged');
  await expect(row).toBeVisible();

  // THEN the page does not scroll sideways
  const widths = () =>
    page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
  expect((await widths()).scroll).toBeLessThanOrEqual((await widths()).client);

  // AND the row's time, topic and message are on screen
  for (const cell of ['.c-time', '.c-topic', ':is(.c-summary, .c-preview)']) {
    const box = await row.locator(cell).boundingBox();
    expect(box, cell).not.toBeNull();
    expect((box?.x ?? -1) >= 0 && (box?.x ?? 0) + Math.min(box?.width ?? 0, 20) <= 390, cell).toBe(true);
  }

  // AND every control on the page lies within the screen's width (reachable by scrolling down only)
  await viewer.openRow('change-merged');
  expect((await widths()).scroll).toBeLessThanOrEqual((await widths()).client);
  const offscreen = await page.evaluate(() => {
    const out: string[] = [];
    const controls = document.querySelectorAll<HTMLElement>(
      'button, input, select, a[href], [role="separator"]',
    );
    for (const el of Array.from(controls)) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (el.closest('.skip-link') || el.classList.contains('skip-link')) continue;
      if (r.left < 0 || r.right > document.documentElement.clientWidth + 0.5) {
        out.push(
          `${el.tagName} ${el.getAttribute('aria-label') ?? el.textContent?.trim() ?? el.id} at ${Math.round(r.left)}..${Math.round(r.right)}`,
        );
      }
    }
    return out;
  });
  expect(offscreen).toEqual([]);
});
