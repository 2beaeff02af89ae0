import { expect, type Locator, type Page } from '@playwright/test';

/** `nova` → a pattern for the accessible name of the tree item of that level: `nova, 3 messages, …`. */
function nameOf(level: string): RegExp {
  return new RegExp(`^${level.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, `);
}

/**
 * The `Topics` sidebar as a user sees it: a search box, a sort order and the topic tree (the WAI-ARIA
 * tree pattern: the tree keeps the DOM focus and `aria-activedescendant` names the active item), and the
 * toolbar of subscribe actions for the active item. Items are found by their accessible name, which
 * starts with the level name (`openstack, 5 messages, 0.0/s, last 0 s ago`). Only rendered
 * (virtualized) items exist in the DOM; the specs' trees are small enough to be rendered whole.
 */
export class TopicTreePage {
  readonly region: Locator;
  readonly search: Locator;
  readonly sort: Locator;
  readonly tree: Locator;
  readonly items: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole('region', { name: 'Topics' });
    this.search = this.region.getByRole('searchbox', { name: 'Search topics' });
    this.sort = this.region.getByRole('combobox', { name: 'Sort topics by' });
    this.tree = this.region.getByRole('tree', { name: 'Topic tree' });
    this.items = this.tree.getByRole('treeitem');
  }

  /** The tree item whose level name is `level` (optionally only at one aria-level). */
  item(level: string, ariaLevel?: number): Locator {
    return this.tree.getByRole('treeitem', {
      name: nameOf(level),
      ...(ariaLevel === undefined ? {} : { level: ariaLevel }),
    });
  }

  /** The level names of the rendered items, in order (the accessible name up to its first comma). */
  async levelNames(): Promise<string[]> {
    const labels = await this.items.evaluateAll((els) =>
      els.map((el) => el.getAttribute('aria-label') ?? ''),
    );
    return labels.map((label) => label.slice(0, label.indexOf(', ')));
  }

  /** The accessible name of the item `aria-activedescendant` points at, or null when there is none. */
  async activeName(): Promise<string | null> {
    return this.tree.evaluate((tree) => {
      const id = tree.getAttribute('aria-activedescendant');
      return id ? (document.getElementById(id)?.getAttribute('aria-label') ?? null) : null;
    });
  }

  /** Waits until the active item is the one named `level`. */
  async expectActive(level: string): Promise<void> {
    await expect
      .poll(() => this.activeName(), { message: `active tree item is ${level}` })
      .toMatch(nameOf(level));
  }

  /** Focuses the tree: the first item becomes active. */
  async focus(): Promise<void> {
    await this.tree.focus();
    await expect(this.tree).toBeFocused();
  }

  /**
   * From the focused tree, opens each of `levels` in turn with the keyboard, the way a user walks down:
   * ArrowRight on a closed item expands it, ArrowRight again moves to its first child. Each level must be
   * the first item at its depth in the current sort order. Ends with the last level active (not expanded).
   */
  async walkDown(levels: readonly string[]): Promise<void> {
    for (const [i, level] of levels.entries()) {
      if (i > 0) {
        await this.page.keyboard.press('ArrowRight');
        await expect(this.item(levels[i - 1] as string, i)).toHaveAttribute('aria-expanded', 'true');
        await this.page.keyboard.press('ArrowRight');
      }
      await this.expectActive(level);
    }
  }

  /** The toolbar of subscribe actions for the active item. */
  toolbar(path: string): Locator {
    return this.region.getByRole('toolbar', { name: `Actions for ${path}` });
  }
}
