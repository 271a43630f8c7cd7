import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { egressHub } from '../unit/analysis/egressHub';
import { expect, screenshotDir, test } from './fixtures';
import { viewsReady } from './viewActions';

/** Sample ids (resources/sample/README.md). */
const backendShared = 'sg-0cf7caca1e2b8e64e';
const orderApiGroup = 'sg-0dd0baa66bc0f6db5';
const supplyWorkers = 'sg-06208df0c3c4cd635';
const stockSync1 = 'eni-0b5be2d0910b12c9b';
const ordersDb1 = 'eni-095ec1b4e3ae251c3';

function graph(page: Page, view: 'app' | 'segment'): Locator {
  return page.getByTestId(`graph-${view}`);
}

/** Clicks a node where the canvas drew it: a group just inside its top border, clear of its members. */
async function clickNode(page: Page, view: 'app' | 'segment', id: string, group = false): Promise<void> {
  const box = await page.evaluate(
    ([v, node]) =>
      window.faultlineGraphs?.[v as 'app' | 'segment']?.(node as string)?.toJSON() as DOMRect | undefined,
    [view, id],
  );
  if (!box) throw new Error(`${id} is not drawn in the ${view} view`);
  await page.mouse.click(box.x + box.width / 2, group ? box.y + 5 : box.y + box.height / 2);
}

/** Both views, as a user sees them at laptop size. */
async function shoot(page: Page, name: string): Promise<void> {
  const views = page.locator('.graph-row');
  await views.scrollIntoViewIfNeeded();
  await views.screenshot({ path: `${screenshotDir}/${name}` });
}

/** The findings and the inspector. */
async function shootDetails(page: Page, name: string): Promise<void> {
  const details = page.locator('.detail-row');
  await details.scrollIntoViewIfNeeded();
  await details.screenshot({ path: `${screenshotDir}/${name}` });
}

const ids = async (locator: Locator, attribute: string) =>
  ((await locator.getAttribute(attribute)) ?? '').split(' ');

test('clicking an app lights up where it lives in the segment view', async ({ app }) => {
  await viewsReady(app);
  await app.screenshot({ path: `${screenshotDir}/views-window.png` });
  await shoot(app, 'views-sample.png');

  await clickNode(app, 'app', 'app:orders', true);
  await expect(graph(app, 'app')).toHaveAttribute('data-active', 'app:orders');
  const segment = graph(app, 'segment');
  await expect(segment).toHaveAttribute('data-highlighted', new RegExp(`sg:${orderApiGroup}`));
  const lit = await ids(segment, 'data-highlighted');
  expect(lit).toContain(`sg:${backendShared}`);
  // supply-workers is on stock-sync's ENIs only: not where orders lives.
  expect(lit).not.toContain(`sg:${supplyWorkers}`);
  await expect(app.getByTestId('inspector')).toContainText('Application');
  await expect(app.getByTestId('inspector')).toContainText('order-api');
  await shoot(app, 'views-app-selected.png');

  // And the other way: a segment lights the apps it touches.
  await clickNode(app, 'segment', `sg:${supplyWorkers}`);
  await expect(graph(app, 'app')).toHaveAttribute('data-highlighted', /app:inventory/);
  expect(await ids(graph(app, 'app'), 'data-highlighted')).not.toContain('app:orders');
  await expect(app.getByTestId('inspector')).toContainText('Security group');
  await expect(app.getByTestId('inspector')).toContainText('egress all traffic to 0.0.0.0/0');
  await shootDetails(app, 'views-inspector.png');
});

test('the segment view draws the transit gateway and the peering joining the VPCs, and the inspector its routes', async ({
  app,
}) => {
  await viewsReady(app);
  const hub = 'tgw:tgw-06a1129c805ca6a6f';
  await clickNode(app, 'segment', hub);
  const segment = graph(app, 'segment');
  await expect(segment).toHaveAttribute('data-active', hub);
  const lit = await ids(segment, 'data-highlighted');
  expect(lit).toEqual(expect.arrayContaining(['vpc:vpc-0b0e589882d7b2940', 'vpc:vpc-099d19c8d624dc3a1']));
  await expect(graph(app, 'app')).toHaveAttribute('data-highlighted', /app:orders/);
  const inspector = app.getByTestId('inspector');
  await expect(inspector).toContainText('Transit gateway');
  await expect(inspector).toContainText('northwind-hub');
  await expect(inspector.getByRole('button', { name: 'vpc-099d19c8d624dc3a1' })).toBeVisible();
  await expect(inspector.getByTestId('transit-gateway')).toContainText(
    'tgw-06a1129c805ca6a6f: security group referencing disabled',
  );
  await expect(inspector.getByTestId('transit-gateway-routes')).toContainText(
    '10.30.0.0/16 → tgw-attach-0ad877115ef06cbb0 propagated',
  );
  await expect(app.getByRole('list', { name: 'Legend' }).last()).toContainText('transit gateway attachment');
  await shoot(app, 'views-transit-gateway.png');
  await shootDetails(app, 'views-transit-gateway-inspector.png');
});

test('choosing a finding focuses both views on its objects', async ({ app }) => {
  await viewsReady(app);
  const finding = app.getByTestId('finding').filter({ hasText: 'supply-workers' }).first();
  await finding.getByRole('button').click();
  await expect(finding.getByRole('button')).toHaveAttribute('aria-pressed', 'true');
  await expect(graph(app, 'segment')).toHaveAttribute('data-focused', `sg:${supplyWorkers}`);
  await expect(graph(app, 'app')).toHaveAttribute('data-focused', 'app:inventory');
  await expect(finding).toContainText('serves only inventory');
  await shoot(app, 'views-finding.png');
});

test('the reachability box answers with every layer', async ({ app }) => {
  await viewsReady(app);
  await app.getByLabel('From', { exact: true }).fill(stockSync1);
  await app.getByLabel('To', { exact: true }).fill(ordersDb1);
  await app.getByLabel('Port', { exact: true }).fill('5432');
  await app.getByRole('button', { name: 'Check' }).click();
  const answer = app.getByTestId('reach-answer');
  await expect(answer.getByTestId('reach-verdict')).toHaveText('blocked');
  await expect(answer).toContainText('Network ACL, inbound');
  await expect(answer).toContainText('acl-087b491100a2932b4 #32767 inbound deny');
  await shootDetails(app, 'views-reachability.png');
});

test('the reachability box asks icmp for its type and another protocol for its number', async ({ app }) => {
  await viewsReady(app);
  await app.getByLabel('From', { exact: true }).fill(stockSync1);
  await app.getByLabel('To', { exact: true }).fill(ordersDb1);
  await app.getByLabel('Protocol', { exact: true }).selectOption('icmp');
  await expect(app.getByLabel('Port', { exact: true })).toHaveCount(0);
  await app.getByLabel('ICMP type', { exact: true }).fill('8');
  await app.getByRole('button', { name: 'Check' }).click();
  const answer = app.getByTestId('reach-answer');
  await expect(answer.getByTestId('reach-verdict')).toHaveText('blocked');
  await expect(answer.locator('p').first()).toHaveText('blocked 10.20.48.124 → 10.20.64.122 icmp type 8');
  await expect(answer).toContainText('the echo reply (icmp type 0) goes back from');
  await shootDetails(app, 'views-reachability-icmp.png');
  // ESP, by its number: no port to give, and the question is asked without one.
  await app.getByLabel('Protocol', { exact: true }).selectOption('number');
  await expect(app.getByLabel('ICMP type', { exact: true })).toHaveCount(0);
  await expect(app.getByRole('button', { name: 'Check' })).toBeDisabled();
  await app.getByLabel('IP protocol', { exact: true }).fill('50');
  await app.getByRole('button', { name: 'Check' }).click();
  await expect(answer.locator('p').first()).toHaveText('blocked 10.20.48.124 → 10.20.64.122 protocol 50');
  await expect(answer).toContainText('allows protocol 50 from');
  await expect(answer).toContainText('protocol 50 has no client port for a reply');
});

test('the reachability box follows a connection out through a transit gateway to an egress VPC', async ({
  app,
}) => {
  await viewsReady(app);
  // The exports of a hub whose spoke has no way out of its own (test/unit/analysis/egressHub.ts).
  const dir = await mkdtemp(join(tmpdir(), 'faultline-e2e-egress-'));
  const folder = join(dir, 'egress-hub');
  try {
    await mkdir(folder);
    for (const input of egressHub().inputs())
      if (input.kind === 'bytes') await writeFile(join(folder, input.name), input.data);
    await app.getByTestId('import-folder-input').setInputFiles(folder);
    await expect(app.getByTestId('snapshot-item')).toHaveCount(2);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  await viewsReady(app);
  await app.getByLabel('From', { exact: true }).fill('eni-a');
  await app.getByLabel('To', { exact: true }).fill('198.51.100.7');
  await app.getByLabel('Port', { exact: true }).fill('443');
  await app.getByRole('button', { name: 'Check' }).click();
  const answer = app.getByTestId('reach-answer');
  await expect(answer.getByTestId('reach-verdict')).toHaveText('allowed');
  await expect(answer).toContainText('it enters vpc-e through subnet-et');
  await expect(answer).toContainText("the server sees the NAT gateway's address 54.0.9.5");
  await expect(answer).toContainText('subnet-et (transit gateway subnet of tgw-attach-e)');
  await shootDetails(app, 'views-reachability-central-egress.png');
});

test('the reachability box answers a flow out to the internet', async ({ app }) => {
  await viewsReady(app);
  // search-indexer in prod-public-a, whose route table sends the internet to the internet gateway.
  await app.getByLabel('From', { exact: true }).fill('eni-0f844d42c96dedeb5');
  await app.getByLabel('To', { exact: true }).fill('203.0.113.80');
  await app.getByLabel('Port', { exact: true }).fill('443');
  await app.getByRole('button', { name: 'Check' }).click();
  const answer = app.getByTestId('reach-answer');
  await expect(answer.getByTestId('reach-verdict')).toHaveText('allowed');
  await expect(answer).toContainText('an internet gateway');
  await expect(answer).toContainText('the server is on the internet');
  await shootDetails(app, 'views-reachability-internet.png');
  // The whole internet in, on the port its group opens to 0.0.0.0/0: one address speaks for each part.
  await app.getByLabel('From', { exact: true }).fill('0.0.0.0/0');
  await app.getByLabel('To', { exact: true }).fill('eni-0f844d42c96dedeb5');
  await app.getByLabel('Port', { exact: true }).fill('9200');
  await app.getByRole('button', { name: 'Check' }).click();
  await expect(answer.getByTestId('reach-verdict')).toHaveText('allowed');
  await expect(answer.getByTestId('reach-range')).toHaveText(
    /^1\.0\.0\.0 stands for 0\.0\.0\.0\/0: (\d+) of \1 parts of it get through\.$/,
  );
  await shootDetails(app, 'views-reachability-range.png');
});

test('a service outside the estate shows its internet address, and its dependency is checked', async ({
  app,
}) => {
  await viewsReady(app);
  await clickNode(app, 'app', 'svc:payment-provider');
  const inspector = app.getByTestId('inspector');
  await expect(inspector).toContainText('Internet address');
  await expect(inspector).toContainText('192.0.2.10');
  // payment-gateway calls it through the NAT gateway: the edge is allowed, not "not checkable".
  await expect(inspector).toContainText(/allowed\s*payment-gateway → payment-provider tcp\/443/i);
  await shootDetails(app, 'views-outside-service.png');
});

test('a service lists the clients from outside that the flow logs saw, the busiest first', async ({
  app,
}) => {
  await viewsReady(app);
  await clickNode(app, 'app', 'svc:northwind-web-alb');
  const clients = app.getByTestId('inspector').getByTestId('outside-clients');
  await expect(clients).toContainText('Clients from outside (flow logs)');
  await expect(clients.getByRole('listitem')).toHaveCount(10);
  await expect(clients.getByRole('listitem').first()).toContainText(
    /^198\.51\.100\.\d+ → 10\.20\.\d+\.\d+ tcp\/(443|80) · \d+ records$/,
  );
  await expect(clients).toContainText(/and \d+ more, the busiest first/);
  await shootDetails(app, 'views-outside-clients.png');
});

test('dark theme, color by owner, workloads and NACLs', async ({ app }) => {
  await viewsReady(app);
  await app.getByRole('button', { name: 'Dark theme' }).click();
  await app.getByLabel('Color by owner').check();
  await expect(app.locator('html')).toHaveAttribute('data-theme', 'dark');
  await shoot(app, 'views-dark-owner.png');

  // Workloads and NACLs on demand.
  await app.getByLabel('Workloads').check();
  await app.getByLabel('NACLs').check();
  await expect(graph(app, 'app')).toHaveAttribute('data-ready', 'true');
  expect(Number(await graph(app, 'app').getAttribute('data-nodes'))).toBeGreaterThan(80);
  await clickNode(app, 'app', 'wl:eni-0b5be2d0910b12c9b');
  await expect(graph(app, 'segment')).toHaveAttribute('data-highlighted', /subnet:subnet-01a9c660690e8965b/);
  await expect(graph(app, 'segment')).toHaveAttribute('data-highlighted', new RegExp(`sg:${supplyWorkers}`));
  await shoot(app, 'views-workloads-nacls.png');
});

test('keyboard, search, filters and export', async ({ app }) => {
  await viewsReady(app);
  // Arrow keys walk the nodes; Escape clears.
  await graph(app, 'segment').focus();
  await app.keyboard.press('ArrowRight');
  await expect(graph(app, 'segment')).toHaveAttribute('data-active', /^sg:|^subnet:/);
  await app.keyboard.press('Escape');
  await expect(graph(app, 'segment')).toHaveAttribute('data-active', '');

  // Enter in the search box selects the first match.
  const search = app.getByLabel('Search the views');
  await search.fill('stock-sync');
  await search.press('Enter');
  await expect(graph(app, 'app')).toHaveAttribute('data-active', 'svc:stock-sync');
  await expect(graph(app, 'segment')).toHaveAttribute('data-highlighted', new RegExp(`sg:${supplyWorkers}`));

  // A VPC filter narrows both views.
  await app.getByRole('combobox', { name: 'VPC', exact: true }).selectOption({ label: 'shared-services' });
  await expect(graph(app, 'segment')).not.toHaveAttribute('data-highlighted', /vpc:vpc-0b0e589882d7b2940/);
  await expect(graph(app, 'app')).toHaveAttribute('data-nodes', /^\d+$/);
  const appNodes = Number(await graph(app, 'app').getAttribute('data-nodes'));
  expect(appNodes).toBeLessThan(20);
  // Filters that leave nothing say so, rather than leave a blank canvas.
  await app.getByRole('combobox', { name: 'App', exact: true }).selectOption({ label: 'payments' });
  await expect(app.getByRole('article', { name: 'Segment topology' })).toContainText(
    'Nothing in this view matches the filters.',
  );
  await expect(app.getByRole('article', { name: 'Application topology' })).not.toContainText('Nothing');
  await app.getByRole('combobox', { name: 'App', exact: true }).selectOption({ label: 'All' });

  for (const format of ['PNG', 'SVG']) {
    const download = app.waitForEvent('download');
    await app
      .getByRole('toolbar', { name: 'Segment topology tools' })
      .getByRole('button', { name: format })
      .click();
    expect((await download).suggestedFilename()).toBe(`faultline-segments.${format.toLowerCase()}`);
  }
});
