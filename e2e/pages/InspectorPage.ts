import type { Locator, Page } from '@playwright/test';

export type PayloadView = 'JSON' | 'Tree' | 'Text' | 'Hex';

/** The `Message inspector` region: message metadata, MQTT 5 properties and the payload views. */
export class InspectorPage {
  readonly region: Locator;
  readonly properties: Locator;
  readonly userProperties: Locator;
  readonly payloadView: Locator;
  readonly payload: Locator;
  /** The <pre> that holds the pretty JSON, text or hex dump. */
  readonly payloadText: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole('region', { name: 'Message inspector' });
    this.properties = this.region.getByRole('region', { name: 'MQTT 5 properties' });
    this.userProperties = this.properties.getByRole('table', { name: 'User properties' });
    this.payloadView = this.region.getByRole('radiogroup', { name: 'Payload view' });
    this.payload = this.region.getByRole('region', { name: 'Payload', exact: true });
    this.payloadText = this.payload.locator('pre');
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
