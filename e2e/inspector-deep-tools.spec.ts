import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/brokers';
import type { ViewerPage } from './pages/ViewerPage';

const event = (project: string, status: string, number: number) => ({
  type: 'comment-added',
  change: {
    project,
    number,
    status,
    subject: 'Fix race in live migration rollback',
    owner: { name: 'Jane Doe', email: 'jane@example.org' },
  },
  approvals: [{ type: 'Code-Review', value: '2' }],
});

async function connected(viewer: ViewerPage, url: string, prefix: string): Promise<void> {
  await viewer.open();
  await viewer.connectTo(url);
  await viewer.subscribeGranted(`${prefix}/#`);
}

/** Whether the element scrolls sideways (its content is wider than it). */
const overflowsX = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((el) => el.scrollWidth > el.clientWidth + 1);

/**
 * WCAG contrast of each JSON tree colour class against the inspector's background, read from the page:
 * the relative luminance of the computed colours (sRGB).
 */
const treeContrasts = (page: Page) =>
  page.evaluate(() => {
    const rgb = (css: string) => (css.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    const lum = (css: string) => {
      const [r, g, b] = rgb(css).map((v) => {
        const c = v / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
    };
    const inspector = document.querySelector('.inspector') as HTMLElement;
    const bg = lum(getComputedStyle(inspector).backgroundColor);
    const out: Record<string, number> = {};
    for (const cls of ['j-key', 'j-string', 'j-number', 'j-bool', 'j-null']) {
      const el = inspector.querySelector(`.json-tree .${cls}`) as HTMLElement;
      const fg = lum(getComputedStyle(el).color);
      out[cls] = Math.round(((Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05)) * 100) / 100;
    }
    return out;
  });

test.describe('the deeper inspector', () => {
  // Each test connects, subscribes and publishes before it starts: 15–25 s on the 2-core target when
  // other runs share it, too close to the default 30 s.
  test.describe.configure({ timeout: 60_000 });

  test('Filter by this value writes the predicate into Filter messages and only matching messages remain', async ({
    viewer,
    inspector,
    broker,
    publisher,
    topicPrefix,
    page,
  }) => {
    // GIVEN three Gerrit events, two for openstack/nova and one for openstack/neutron
    await connected(viewer, broker.wsUrl, topicPrefix);
    await publisher.publish(
      `${topicPrefix}/gerrit/nova/1`,
      JSON.stringify(event('openstack/nova', 'NEW', 1)),
    );
    await publisher.publish(
      `${topicPrefix}/gerrit/neutron/2`,
      JSON.stringify(event('openstack/neutron', 'NEW', 2)),
    );
    await publisher.publish(
      `${topicPrefix}/gerrit/nova/3`,
      JSON.stringify(event('openstack/nova', 'NEW', 3)),
    );
    await expect(viewer.rows).toHaveCount(3);

    // WHEN the first is opened in the Tree view and its project is chosen with Filter by this value
    await viewer.openRow(`${topicPrefix}/gerrit/nova/1`);
    await inspector.view('Tree').click();
    await inspector.nodeAction('payload.change.project', 'Filter by this value');

    // THEN the filter box holds the predicate, applied: two of three messages match and show
    const box = page.getByRole('searchbox', { name: 'Filter messages' });
    await expect(box).toHaveValue('payload.change.project=openstack/nova');
    await expect(page.getByLabel('Matching messages')).toHaveText(/^2 of 3/);
    await expect(viewer.rows).toHaveCount(2);
    await expect(viewer.row(`${topicPrefix}/gerrit/neutron/2`)).toHaveCount(0);

    // WHEN a value with spaces is chosen THEN it is written in quotes and still matches all three
    await inspector.nodeAction('payload.change.subject', 'Filter by this value');
    await expect(box).toHaveValue('payload.change.subject="Fix race in live migration rollback"');
    await expect(page.getByLabel('Matching messages')).toHaveText(/^3 of 3/);
  });

  test('Compare with previous lists the changed key with its old and new value', async ({
    viewer,
    inspector,
    broker,
    publisher,
    topicPrefix,
    page,
  }) => {
    // GIVEN two events on one topic, the change going from NEW to MERGED, and one on another topic between
    await connected(viewer, broker.wsUrl, topicPrefix);
    const topic = `${topicPrefix}/gerrit/change`;
    await publisher.publish(topic, JSON.stringify(event('openstack/nova', 'NEW', 7)));
    await publisher.publish(`${topicPrefix}/other`, JSON.stringify(event('openstack/nova', 'ABANDONED', 7)));
    await publisher.publish(topic, JSON.stringify(event('openstack/nova', 'MERGED', 7)));
    await expect(viewer.rows).toHaveCount(3);
    // (the rows show the Gerrit summary by default, which does not name the status: show the raw payloads)
    await page.getByRole('checkbox', { name: 'Show raw payloads' }).check();

    // WHEN the newest is opened and compared with the previous one on its topic
    await viewer.openRow(/"status":"MERGED"/);
    await inspector.compare.click();

    // THEN exactly the status changed, from "NEW" (not the other topic's ABANDONED) to "MERGED"
    await expect(inspector.changes.getByRole('row')).toHaveCount(2);
    await expect(inspector.change('payload.change.status').getByRole('cell')).toHaveText([
      'changed',
      'payload.change.status',
      '"NEW"',
      '"MERGED"',
    ]);

    // WHEN the first message on the topic is compared THEN the inspector says there is nothing before it
    await viewer.openRow(/"status":"NEW"/);
    await inspector.compare.click();
    await expect(inspector.comparison).toContainText(`No previous message on ${topic} is in the buffer.`);
  });

  test('Compare with previous shows a line diff for text payloads', async ({
    viewer,
    inspector,
    broker,
    publisher,
    topicPrefix,
  }) => {
    // GIVEN two text messages on one topic
    await connected(viewer, broker.wsUrl, topicPrefix);
    await publisher.publish(`${topicPrefix}/zuul`, 'build 1\nstatus: running\nnode: a');
    await publisher.publish(`${topicPrefix}/zuul`, 'build 1\nstatus: done\nnode: a');
    await expect(viewer.rows).toHaveCount(2);

    // WHEN the second is compared with the first
    await viewer.openRow('status: done');
    await inspector.compare.click();

    // THEN the changed line is shown removed and added, the others unchanged
    await expect(inspector.comparison.locator('del')).toHaveText(['- status: running']);
    await expect(inspector.comparison.locator('ins')).toHaveText(['+ status: done']);
  });

  test('Payload view is one radio group: arrow keys move and select, one tab stop', async ({
    viewer,
    inspector,
    broker,
    publisher,
    topicPrefix,
    page,
  }) => {
    // GIVEN a JSON message open in the inspector, in the JSON view
    await connected(viewer, broker.wsUrl, topicPrefix);
    await publisher.publish(`${topicPrefix}/gerrit`, JSON.stringify(event('openstack/nova', 'NEW', 1)));
    await viewer.openRow(`${topicPrefix}/gerrit`);
    await expect(inspector.payloadView.getByRole('radio')).toHaveText([
      'JSON',
      'Tree',
      'Text',
      'Hex',
      'Base64',
    ]);
    await expect(inspector.view('JSON')).toBeChecked();

    // WHEN the group is focused and ArrowRight pressed THEN Tree is checked and focused
    await inspector.view('JSON').focus();
    await page.keyboard.press('ArrowRight');
    await expect(inspector.view('Tree')).toBeChecked();
    await expect(inspector.view('Tree')).toBeFocused();
    await expect(inspector.jsonTree).toBeVisible();

    // WHEN ArrowRight is pressed three more times THEN Base64 shows the payload in base64
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await expect(inspector.view('Base64')).toBeChecked();
    const json = JSON.stringify(event('openstack/nova', 'NEW', 1));
    await expect(inspector.payloadText).toHaveText(Buffer.from(json).toString('base64'));

    // WHEN ArrowRight wraps to JSON and ArrowLeft goes back to Base64
    await page.keyboard.press('ArrowRight');
    await expect(inspector.view('JSON')).toBeChecked();
    await page.keyboard.press('ArrowLeft');
    await expect(inspector.view('Base64')).toBeChecked();

    // THEN only the checked radio is in the tab order: Tab leaves the group
    await expect(inspector.payloadView.locator('[tabindex="0"]')).toHaveCount(1);
    await page.keyboard.press('Tab');
    await expect(inspector.payloadView.getByRole('radio').and(page.locator(':focus'))).toHaveCount(0);
  });

  test('Escape closes the inspector and focus returns to the message row', async ({
    viewer,
    inspector,
    broker,
    publisher,
    topicPrefix,
    page,
  }) => {
    // GIVEN two messages, the second open in the inspector with focus inside it
    await connected(viewer, broker.wsUrl, topicPrefix);
    await publisher.publish(`${topicPrefix}/a`, 'first');
    await publisher.publish(`${topicPrefix}/b`, 'second');
    await viewer.openRow(`${topicPrefix}/b`);
    await inspector.view('Hex').click();
    await expect(inspector.view('Hex')).toBeFocused();

    // WHEN Escape is pressed
    await page.keyboard.press('Escape');

    // THEN the inspector is gone and the message's row has focus
    await expect(inspector.region).toHaveCount(0);
    await expect(viewer.row(`${topicPrefix}/b`)).toBeFocused();

    // WHEN the message is opened again and then filtered out of the log
    await viewer.openRow(`${topicPrefix}/b`);
    await page.getByRole('searchbox', { name: 'Filter messages' }).fill('topic:nothing/here');
    await page.keyboard.press('Enter');
    await expect(viewer.rows).toHaveCount(0);
    await inspector.view('Hex').click();
    await page.keyboard.press('Escape');

    // THEN with no row to return to, the log itself has focus
    await expect(inspector.region).toHaveCount(0);
    await expect(viewer.log).toBeFocused();
  });

  test('Expand all opens every level, Collapse all closes them; the tree wraps long strings', async ({
    viewer,
    inspector,
    broker,
    publisher,
    topicPrefix,
    page,
  }) => {
    // GIVEN a nested event with a 6,000-character message, at 1440 px wide, in the Tree view
    await page.setViewportSize({ width: 1440, height: 900 });
    await connected(viewer, broker.wsUrl, topicPrefix);
    const long = { ...event('openstack/nova', 'NEW', 1), comment: 'word '.repeat(1200) };
    await publisher.publish(`${topicPrefix}/gerrit`, JSON.stringify(long));
    await viewer.openRow(`${topicPrefix}/gerrit`);
    await inspector.view('Tree').click();
    const email = inspector.jsonTree.getByText('"jane@example.org"');
    await expect(email).toBeHidden();

    // WHEN Expand all is pressed THEN the owner's e-mail, three levels down, is shown
    await inspector.expandAll.click();
    await expect(email).toBeVisible();
    // AND the long string wraps inside the pane instead of running off its side
    expect(await overflowsX(page, '.inspector-body')).toBe(false);

    // WHEN Collapse all is pressed THEN only the top-level keys remain
    await inspector.collapseAll.click();
    await expect(email).toBeHidden();
    await expect(inspector.jsonTree.getByText('"project":')).toBeHidden();
    await expect(inspector.jsonTree.getByText('"change":')).toBeVisible();
  });

  test('the JSON tree colours keys, strings, numbers, booleans and null, readable in both themes', async ({
    viewer,
    inspector,
    broker,
    publisher,
    topicPrefix,
    page,
  }) => {
    // GIVEN a document holding one of each kind of value, open in the Tree view
    await connected(viewer, broker.wsUrl, topicPrefix);
    await publisher.publish(`${topicPrefix}/kinds`, JSON.stringify({ s: 'text', n: 3, b: true, z: null }));
    await viewer.openRow(`${topicPrefix}/kinds`);
    await inspector.view('Tree').click();
    await expect(inspector.jsonTree.locator('.j-null')).toHaveText('null');

    for (const theme of ['light', 'dark']) {
      // WHEN the theme is chosen THEN every kind has a colour of its own, at least 4.5:1 (WCAG AA)
      await page.getByRole('combobox', { name: 'Theme' }).selectOption(theme);
      const contrasts = await treeContrasts(page);
      for (const [cls, ratio] of Object.entries(contrasts)) {
        expect(ratio, `${cls} in the ${theme} theme`).toBeGreaterThanOrEqual(4.5);
      }
      const colours = await inspector.jsonTree
        .locator('.j-key, .j-string, .j-number, .j-bool')
        .evaluateAll((els) => els.map((el) => getComputedStyle(el).color));
      expect(new Set(colours).size).toBe(4);
    }
  });

  test('Search in payload marks and counts matches; Copy payload and node copies say Copied; hex fits at 1440 px', async ({
    viewer,
    inspector,
    broker,
    publisher,
    topicPrefix,
    page,
    context,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.setViewportSize({ width: 1440, height: 900 });
    // GIVEN a JSON event open in the JSON view
    await connected(viewer, broker.wsUrl, topicPrefix);
    await publisher.publish(`${topicPrefix}/gerrit`, JSON.stringify(event('openstack/nova', 'NEW', 1)));
    await viewer.openRow(`${topicPrefix}/gerrit`);

    // WHEN "JANE" is searched THEN both places (name and e-mail) are marked, any case, and counted
    await inspector.search.fill('JANE');
    await expect(inspector.payloadText.locator('mark')).toHaveText(['Jane', 'jane']);
    await expect(inspector.searchCount).toHaveText('2 matches');
    await inspector.search.fill('no such text');
    await expect(inspector.searchCount).toHaveText('No match');

    // WHEN Copy payload is pressed THEN it confirms, and the clipboard holds the payload
    await inspector.copyPayload.click();
    await expect(inspector.region.getByText(/^Copied/)).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      JSON.stringify(event('openstack/nova', 'NEW', 1)),
    );

    // WHEN a tree node's path and then its value are copied THEN the clipboard holds each, and it says so
    await inspector.view('Tree').click();
    await inspector.expandAll.click();
    await inspector.nodeAction('payload.change.owner.email', 'Copy path');
    await expect(inspector.payload.getByText('Copied payload.change.owner.email')).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('payload.change.owner.email');
    await inspector.nodeAction('payload.approvals[0]', 'Copy value');
    await expect(inspector.payload.getByText('Copied the value of payload.approvals[0]')).toBeVisible();
    expect(JSON.parse(await page.evaluate(() => navigator.clipboard.readText()))).toEqual({
      type: 'Code-Review',
      value: '2',
    });

    // WHEN the Hex view is chosen THEN its 78-character lines fit the pane without scrolling sideways
    await inspector.view('Hex').click();
    await expect(inspector.payloadText).toContainText('00000000  7b 22');
    expect(await overflowsX(page, '.payload pre.hex')).toBe(false);
  });
});
