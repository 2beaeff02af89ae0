import { expect, type Locator, type Page } from '@playwright/test';

export type VersionOption = 'Auto' | '5' | '3.1.1';

export interface ConnectOptions {
  version?: VersionOption;
  username?: string;
  password?: string;
  clientId?: string;
}

/** MQTT control packet type of UNSUBACK (fixed-header high nibble), MQTT 3.1.1 §2.2.1 / MQTT 5 §2.1.2. */
const UNSUBACK = 11;

/**
 * The viewer as a user sees it: connection bar, subscriptions, the live log and its status bar.
 * Locators go by role and accessible name only, the same names the issue specifies.
 */
export class ViewerPage {
  readonly brokerUrl: Locator;
  readonly version: Locator;
  readonly credentials: Locator;
  readonly username: Locator;
  readonly password: Locator;
  readonly clientId: Locator;
  readonly connectButton: Locator;
  readonly disconnectButton: Locator;
  /** The single role=status element: the connection state in words. */
  readonly status: Locator;
  readonly topicFilter: Locator;
  readonly qos: Locator;
  readonly subscribeButton: Locator;
  readonly subscriptions: Locator;
  readonly log: Locator;
  /** Message rows (grid rows, not the header or markers) inside the log. Only rendered (virtualized) rows exist. */
  readonly rows: Locator;
  readonly messagesReceived: Locator;
  readonly notices: Locator;
  readonly jumpToLatest: Locator;
  readonly renderCount: Locator;
  /** The modal that asks for credentials after the broker refused them. */
  readonly credentialsDialog: Locator;
  /** Discloses why this MQTT version (the fallback reason) under the status line. */
  readonly connectionDetails: Locator;
  private unsubacks = 0;

  constructor(readonly page: Page) {
    this.brokerUrl = page.getByRole('textbox', { name: 'Broker URL' });
    this.version = page.getByRole('combobox', { name: 'MQTT version' });
    this.credentials = page.getByRole('button', { name: 'Credentials' });
    this.username = page.getByRole('textbox', { name: 'Username', exact: true });
    this.password = page.getByLabel('Password', { exact: true });
    this.clientId = page.getByRole('textbox', { name: 'Client ID', exact: true });
    this.connectButton = page.getByRole('button', { name: 'Connect', exact: true });
    this.disconnectButton = page.getByRole('button', { name: 'Disconnect', exact: true });
    this.status = page.getByRole('status');
    this.topicFilter = page.getByRole('combobox', { name: 'Topic filter' });
    this.qos = page.getByRole('combobox', { name: 'QoS' });
    this.subscribeButton = page.getByRole('button', { name: 'Subscribe', exact: true });
    this.subscriptions = page.getByRole('list', { name: 'Active subscriptions' });
    this.log = page.getByRole('log', { name: 'Message log' });
    // Not the header row, nor the app's own marker rows (an outage, an import), which hold a note.
    this.rows = this.log
      .getByRole('row')
      .filter({ hasNot: page.getByRole('columnheader') })
      .filter({ hasNot: page.getByRole('note') });
    this.messagesReceived = page.getByLabel('Messages received');
    this.notices = page.getByRole('list', { name: 'Notices' });
    this.jumpToLatest = page.getByRole('button', { name: /jump to latest/i });
    this.renderCount = page.getByTestId('log-render-count');
    this.credentialsDialog = page.getByRole('dialog', { name: 'Broker credentials' });
    this.connectionDetails = page.getByRole('button', { name: 'Connection details' });

    // Test-side synchronisation only: counting UNSUBACKs the broker sent lets a spec publish after an
    // unsubscribe knowing the broker has processed it, instead of racing the WebSocket with a sleep.
    page.on('websocket', (ws) => {
      ws.on('framereceived', ({ payload }) => {
        if (typeof payload !== 'string' && payload.length > 0 && (payload[0] ?? 0) >> 4 === UNSUBACK) {
          this.unsubacks++;
        }
      });
    });
  }

  /** Opens the app, optionally with link parameters (`broker`, repeatable `sub`, `v`). */
  async open(params: Record<string, string | string[]> = {}): Promise<void> {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) {
      for (const v of Array.isArray(value) ? value : [value]) query.append(key, v);
    }
    const search = query.toString();
    await this.page.goto(search ? `/?${search}` : '/');
    await expect(this.log).toBeVisible();
  }

  /** Fills the connection form and presses Connect (does not wait for the outcome). */
  async connect(url: string, opts: ConnectOptions = {}): Promise<void> {
    await this.brokerUrl.fill(url);
    await this.version.selectOption({ label: opts.version ?? 'Auto' });
    if (opts.username !== undefined || opts.password !== undefined || opts.clientId !== undefined) {
      await this.showCredentials();
      await this.username.fill(opts.username ?? '');
      await this.password.fill(opts.password ?? '');
      await this.clientId.fill(opts.clientId ?? '');
    }
    await this.connectButton.click();
  }

  /** Reveals Username / Password / Client ID; a no-op when they are already shown. */
  async showCredentials(): Promise<void> {
    // The button's state, not the fields' visibility, decides: aria-expanded is set synchronously on click.
    if ((await this.credentials.getAttribute('aria-expanded')) !== 'true') await this.credentials.click();
    await expect(this.username).toBeVisible();
  }

  /** Answers the credentials prompt and presses Sign in. */
  async signIn(username: string, password: string): Promise<void> {
    await this.credentialsDialog.getByRole('textbox', { name: 'Broker username' }).fill(username);
    await this.credentialsDialog.getByLabel('Broker password').fill(password);
    await this.credentialsDialog.getByRole('button', { name: 'Sign in' }).click();
  }

  async expectConnected(version: '5' | '3.1.1' = '5'): Promise<void> {
    await expect(this.status).toHaveText(new RegExp(`^Connected · MQTT ${version.replace('.', '\\.')} · `));
    await expect(this.disconnectButton).toBeVisible();
  }

  /** Connects and waits for "Connected · MQTT 5 · ws://…". */
  async connectTo(url: string, opts: ConnectOptions = {}): Promise<void> {
    await this.connect(url, opts);
    await this.expectConnected(opts.version === '3.1.1' ? '3.1.1' : '5');
  }

  /** Types a filter and presses Subscribe (does not wait for the broker's answer). */
  async subscribe(filter: string, qos: 0 | 1 | 2 = 0): Promise<void> {
    await this.topicFilter.fill(filter);
    await this.qos.selectOption(String(qos));
    await this.subscribeButton.click();
  }

  /** Subscribes and waits until the list shows the broker granted it. */
  async subscribeGranted(filter: string, qos: 0 | 1 | 2 = 0): Promise<void> {
    await this.subscribe(filter, qos);
    await expect(this.subscription(filter)).toContainText(`granted QoS ${qos}`);
  }

  /** The list item of one subscription, found by its exact `Unsubscribe <filter>` button. */
  subscription(filter: string): Locator {
    return this.subscriptions.getByRole('listitem').filter({
      has: this.page.getByRole('button', { name: `Unsubscribe ${filter}`, exact: true }),
    });
  }

  /** Presses `Unsubscribe <filter>` and waits until the broker has acknowledged it. */
  async unsubscribe(filter: string): Promise<void> {
    const before = this.unsubacks;
    await this.subscriptions.getByRole('button', { name: `Unsubscribe ${filter}`, exact: true }).click();
    await expect(this.subscription(filter)).toHaveCount(0);
    await expect.poll(() => this.unsubacks, { message: 'UNSUBACK from the broker' }).toBe(before + 1);
  }

  /** Rows whose text contains `text` (a topic, or part of a preview). */
  row(text: string | RegExp): Locator {
    return this.rows.filter({ hasText: text });
  }

  /** Clicks the one row matching `text`; the inspector opens on it. */
  async openRow(text: string | RegExp): Promise<void> {
    await this.row(text).click();
    await expect(this.page.getByRole('region', { name: 'Message inspector' })).toBeVisible();
  }

  /** The "Messages received" figure as a number. */
  async received(): Promise<number> {
    const text = (await this.messagesReceived.textContent()) ?? '';
    return Number(text.replace(/[^\d]/g, ''));
  }

  async expectReceived(n: number): Promise<void> {
    await expect.poll(() => this.received(), { message: 'Messages received' }).toBe(n);
  }

  async renders(): Promise<number> {
    return Number(await this.renderCount.textContent());
  }
}
