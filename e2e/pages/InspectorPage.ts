import type { Locator, Page } from '@playwright/test';

export type PayloadView = 'JSON' | 'Tree' | 'Text' | 'Hex' | 'Base64';

/** The `Message inspector` region: message metadata, MQTT 5 properties and the payload views. */
export class InspectorPage {
  readonly region: Locator;
  readonly properties: Locator;
  readonly userProperties: Locator;
  readonly payloadView: Locator;
  readonly payload: Locator;
  /** The <pre> that holds the pretty JSON, text or hex dump. */
  readonly payloadText: Locator;
  /** The collapsible JSON tree of the Tree view. */
  readonly jsonTree: Locator;
  /** `Show all (9.8 MB more)` under a truncated text or pretty view. */
  readonly showAll: Locator;
  readonly close: Locator;
  readonly expandAll: Locator;
  readonly collapseAll: Locator;
  /** `Search in payload` and the count of matches beside it (`3 matches`). */
  readonly search: Locator;
  readonly searchCount: Locator;
  readonly copyPayload: Locator;
  readonly compare: Locator;
  /** What `Compare with previous` shows, and its table of changed keys. */
  readonly comparison: Locator;
  readonly changes: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole('region', { name: 'Message inspector' });
    this.properties = this.region.getByRole('region', { name: 'MQTT 5 properties' });
    this.userProperties = this.properties.getByRole('table', { name: 'User properties' });
    this.payloadView = this.region.getByRole('radiogroup', { name: 'Payload view' });
    this.payload = this.region.getByRole('region', { name: 'Payload', exact: true });
    this.payloadText = this.payload.locator('pre');
    this.jsonTree = this.payload.getByRole('list', { name: 'JSON tree' });
    this.showAll = this.payload.getByRole('button', { name: /^Show all/ });
    this.close = this.region.getByRole('button', { name: 'Close inspector' });
    this.expandAll = this.payload.getByRole('button', { name: 'Expand all' });
    this.collapseAll = this.payload.getByRole('button', { name: 'Collapse all' });
    this.search = this.region.getByRole('searchbox', { name: 'Search in payload' });
    this.searchCount = this.region.locator('output.search-count');
    this.copyPayload = this.region.getByRole('button', { name: 'Copy payload' });
    this.compare = this.region.getByRole('button', { name: 'Compare with previous' });
    this.comparison = this.region.getByRole('region', { name: 'Comparison with previous' });
    this.changes = this.comparison.getByRole('table', { name: 'Changes from the previous message' });
  }

  /** A JSON tree node's `⋯` button, by its path as the query language writes it (`payload.change.project`). */
  nodeActions(path: string): Locator {
    return this.jsonTree.getByRole('button', { name: `Actions for ${path}`, exact: true });
  }

  /** Opens a node's actions and presses one: `Copy value`, `Copy path` or `Filter by this value`. */
  async nodeAction(path: string, action: 'Copy value' | 'Copy path' | 'Filter by this value'): Promise<void> {
    await this.nodeActions(path).click();
    await this.jsonTree
      .getByRole('group', { name: `Actions for ${path}`, exact: true })
      .getByRole('button', { name: action, exact: true })
      .click();
  }

  /** The row of the changes table for a path: cells Change, Path, Previous, This message. */
  change(path: string): Locator {
    return this.changes
      .getByRole('row')
      .filter({ has: this.page.getByRole('cell', { name: path, exact: true }) });
  }

  /**
   * Waits until the payload view has produced all it will without another click (`aria-busy` false on
   * its <pre>). Polls in the page on an element resolved once: re-resolving role locators on every poll
   * while megabytes stream in slows down the very page being waited for.
   */
  async waitUntilFilled(timeout = 60_000): Promise<void> {
    const pre = await this.payloadText.elementHandle();
    await this.page.waitForFunction((el) => el?.getAttribute('aria-busy') === 'false', pre, {
      polling: 250,
      timeout,
    });
    await pre?.dispose();
  }

  /** The ⚠ shown next to text in which hidden, bidi or control characters were revealed. */
  hiddenMarks(within: Locator = this.region): Locator {
    return within.getByRole('img', { name: 'Contains hidden or control characters' });
  }

  /** The value (<dd>) of a definition-list term (<dt>) such as `Topic`, `Retain`, `Content type`. */
  field(term: string): Locator {
    return this.region.locator(`xpath=.//dt[normalize-space(.)="${term}"]/following-sibling::dd[1]`);
  }

  view(name: PayloadView): Locator {
    return this.payloadView.getByRole('radio', { name, exact: true });
  }

  /** Rows of the User properties table as [name, value] pairs, in order. */
  async userPropertyPairs(): Promise<Array<[string, string]>> {
    const rows = this.userProperties.locator('tbody tr');
    const pairs: Array<[string, string]> = [];
    for (const row of await rows.all()) {
      const cells = await row.getByRole('cell').allTextContents();
      pairs.push([cells[0] ?? '', cells[1] ?? '']);
    }
    return pairs;
  }
}
