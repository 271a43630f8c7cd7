import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { recordPhases } from './events';
import { expect, repoRoot, sampleRoot, screenshotDir, test } from './fixtures';
import { expectMarks, openWhatIf, selectBySearch, shootFromTop, viewsReady } from './viewActions';

/** Sample ids (resources/sample/README.md). */
const rdsPostgres = 'sg-0619411f266f96a8d';
const backendShared = 'sg-0cf7caca1e2b8e64e';
const webFrontend1 = 'eni-06b92985795909555';
const orderApiGroup = 'sg-0dd0baa66bc0f6db5';
const bastionGroup = 'sg-0ef6445ac1a5f0d86';
const officeRanges = 'pl-0160305a5dae363e7';
const paymentsGateway = 'sg-0587bc80ef36fddd5';
const prodDataNacl = 'acl-087b491100a2932b4';
const prodCore = 'vpc-0b0e589882d7b2940';
const samplePlan = join(repoRoot, 'test/fixtures/terraform/sample-plan.json');

const panel = (page: Page) => page.getByTestId('impact-panel');

/** Imports a copy of the sample, edited, as a second snapshot named after its folder. */
async function importSampleAs(page: Page, name: string, edit: (folder: string) => Promise<void>) {
  const dir = await mkdtemp(join(tmpdir(), 'faultline-e2e-sample-'));
  const folder = join(dir, name);
  try {
    await cp(sampleRoot, folder, { recursive: true });
    await edit(folder);
    await page.getByTestId('import-folder-input').setInputFiles(folder);
    await expect(page.getByTestId('snapshot-item')).toHaveCount(2);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('removing a rule in the inspector shows what breaks, in the panel and in both views', async ({
  app,
}) => {
  await viewsReady(app);
  await openWhatIf(app);
  await expect(panel(app)).toContainText('Nothing to evaluate');

  await selectBySearch(app, 'rds-postgres');
  const inspector = app.getByTestId('inspector');
  await expect(inspector).toContainText('Security group');
  await inspector
    .getByRole('button', { name: `Remove ingress tcp/5432 from ${backendShared} (what-if)` })
    .click();

  await expect(app.getByTestId('pending-edit')).toHaveCount(1);
  await expect(app.getByTestId('pending-edit')).toContainText(
    `Remove rule rds-postgres ingress tcp/5432 from ${backendShared}`,
  );
  await expect(inspector.getByText('removed', { exact: true })).toBeVisible();
  await expect(
    inspector.getByRole('button', {
      name: `Undo the what-if edit of ingress tcp/5432 from ${backendShared}`,
    }),
  ).toBeFocused();
  await expect(app.getByTestId('impact-risk')).toHaveText('HIGH risk');
  const dependencies = app.getByTestId('impact-dependencies');
  await expect(dependencies).toContainText('order-worker → orders-db');
  await expect(dependencies).toContainText('breaks');
  await expect(app.getByTestId('impact-approvers')).toContainText('commerce');
  await expect(app.getByTestId('impact-apps')).toContainText('orders');

  await expectMarks(app, 'app', /dep:order-worker->orders-db:tcp\/5432=breaks/);
  await expectMarks(app, 'segment', new RegExp(`allow:${backendShared}->${rdsPostgres}=closed`));
  await shootFromTop(app, 'whatif-window.png');
  await app.locator('.graph-row').screenshot({ path: `${screenshotDir}/whatif-remove-rule-views.png` });
  await app.getByTestId('impact-apps').getByText('orders', { exact: true }).click();
  await panel(app).scrollIntoViewIfNeeded();
  await app.screenshot({ path: `${screenshotDir}/whatif-remove-rule.png` });
  await app.getByRole('button', { name: 'Dark theme' }).click();
  await app.screenshot({ path: `${screenshotDir}/whatif-window-dark.png` });
  await panel(app).scrollIntoViewIfNeeded();
  await app.screenshot({ path: `${screenshotDir}/whatif-remove-rule-dark.png` });
  await app.getByRole('button', { name: 'Light theme' }).click();

  await app.getByRole('button', { name: 'Clear' }).click();
  await expect(app.getByTestId('pending-edit')).toHaveCount(0);
  await expect(panel(app)).toContainText('Nothing to evaluate');
  await expect(app.getByTestId('impact-risk')).toHaveCount(0);
  await expectMarks(app, 'app', '');
});

test('an ENI gets a group in the inspector, and the edit can be undone there', async ({ app }) => {
  await viewsReady(app);
  await openWhatIf(app);
  const impactPhases = await recordPhases(app, 'impactProgress');
  await selectBySearch(app, webFrontend1);
  const inspector = app.getByTestId('inspector');
  await expect(inspector).toContainText('Workload');
  // order-api's group is what rds-postgres admits: the web frontend then reaches the orders database.
  await inspector.getByLabel('Add group').selectOption({ label: `order-api (${orderApiGroup})` });
  await inspector.getByRole('button', { name: 'Add group' }).click();
  await expect(app.getByTestId('pending-edit')).toContainText('Add order-api to web-frontend-1');
  await expect(app.getByTestId('impact-risk')).toHaveText('MEDIUM risk');
  // The what-if streamed its progress while it ran, both flow graphs class by class.
  await expect
    .poll(impactPhases)
    .toEqual(expect.arrayContaining(['applying', 'flows-before', 'flows-after']));
  await expectMarks(app, 'segment', /=opened/);
  await inspector.getByLabel('Move to subnet').selectOption({ index: 1 });
  await inspector.getByRole('button', { name: 'Move', exact: true }).click();
  await expect(app.getByTestId('pending-edit')).toHaveCount(2);
  await shootFromTop(app, 'whatif-workload.png');
  await inspector.getByRole('button', { name: 'Undo move' }).click();
  await expect(app.getByTestId('pending-edit')).toHaveCount(1);
});

test('a rule edited in the inspector and a NACL entry removed add up to one change', async ({ app }) => {
  await viewsReady(app);
  await openWhatIf(app);
  await selectBySearch(app, 'rds-postgres');
  const inspector = app.getByTestId('inspector');
  await inspector
    .getByRole('button', { name: `Edit ingress tcp/5432 from ${backendShared} (what-if)` })
    .click();
  await inspector.getByLabel('From port').fill('6432');
  await inspector.getByLabel('To port').fill('6432');
  await app.locator('main.content').evaluate((content) => content.scrollTo(0, content.scrollHeight));
  await app.screenshot({ path: `${screenshotDir}/whatif-edit-rule.png` });
  await inspector.getByRole('button', { name: 'Apply what-if' }).click();
  await expect(app.getByTestId('pending-edit')).toContainText('Change rule rds-postgres ingress tcp/5432');
  await expect(app.getByTestId('impact-dependencies')).toContainText('order-worker → orders-db');
  // order-api still gets in through its own group's rule.
  await expect(app.getByTestId('impact-dependencies')).not.toContainText('order-api → orders-db');
  await expect(inspector.getByText('changed', { exact: true })).toBeVisible();

  // The data subnets' NACL: through the subnet, as the inspector links them.
  await selectBySearch(app, 'prod-data-a');
  await inspector.getByRole('button', { name: 'acl-087b491100a2932b4' }).click();
  await expect(inspector).toContainText('Network ACL');
  await expect(inspector.getByRole('button', { name: /^Remove #32767/ })).toHaveCount(0);
  await inspector.getByRole('button', { name: /^Remove #100 inbound allow tcp\/5432/ }).click();
  await expect(app.getByTestId('pending-edit')).toHaveCount(2);
  await expect(app.getByTestId('pending-edit').nth(1)).toContainText('Remove prod-data-nacl #100 inbound');
  await app.locator('main.content').evaluate((content) => content.scrollTo(0, content.scrollHeight));
  await app.screenshot({ path: `${screenshotDir}/whatif-nacl.png` });
  // The NACL stops what the rule still lets in: now order-api breaks too.
  await expect(app.getByTestId('impact-dependencies')).toContainText('order-api → orders-db');
  await expectMarks(app, 'app', /dep:order-api->orders-db:tcp\/5432=breaks/);
});

test('an ICMP rule keeps its type when edited, and what is added shows in the inspector where it applies', async ({
  app,
}) => {
  await viewsReady(app);
  await openWhatIf(app);
  const inspector = app.getByTestId('inspector');
  const pending = app.getByTestId('pending-edit');
  // The bastion admits echo requests only from the office ranges (FromPort 8, ToPort -1).
  await selectBySearch(app, bastionGroup);
  const echo = `ingress icmp type 8 from ${officeRanges}`;
  await expect(inspector.getByText(echo, { exact: true })).toBeVisible();
  const edit = inspector.getByRole('button', { name: `Edit ${echo} (what-if)` });
  await edit.click();
  await expect(inspector.getByRole('textbox', { name: 'ICMP type' })).toHaveValue('8');
  await expect(inspector.getByRole('textbox', { name: 'ICMP code' })).toHaveValue('');
  // Applied as it opened, the form changes nothing.
  await inspector.getByRole('button', { name: 'Apply what-if' }).click();
  await expect(pending).toHaveCount(0);
  await edit.click();
  await inspector.getByLabel('Peer', { exact: true }).fill('198.51.100.0/24');
  await inspector.getByRole('button', { name: 'Apply what-if' }).click();
  await expect(pending).toContainText('to icmp type 8 198.51.100.0/24');
  await expect(app.getByTestId('impact-changes')).toContainText('icmp type 8 from 198.51.100.0/24');
  await expect(app.getByTestId('impact-changes')).not.toContainText('all types');

  await selectBySearch(app, paymentsGateway);
  await inspector.getByRole('button', { name: 'Add a rule (what-if)' }).click();
  // The form opens below the rules: it is brought into the inspector's view.
  await expect(inspector.getByRole('button', { name: 'Add rule' })).toBeInViewport();
  await inspector.getByLabel('From port', { exact: true }).fill('70000');
  await inspector.getByLabel('Peer', { exact: true }).fill(orderApiGroup);
  await inspector.getByRole('button', { name: 'Add rule' }).click();
  await expect(inspector.getByRole('alert')).toHaveText(
    'From port "70000" is not a port: a port is a whole number 0-65535.',
  );
  await expect(pending).toHaveCount(1);
  await inspector.getByLabel('From port', { exact: true }).fill('8443');
  await inspector.getByRole('button', { name: 'Add rule' }).click();
  const addedRule = `ingress tcp/8443 from ${orderApiGroup}`;
  await expect(inspector.getByRole('listitem').filter({ hasText: addedRule })).toContainText('added');
  await inspector.getByRole('button', { name: `Undo adding ${addedRule}` }).click();
  await expect(pending).toHaveCount(1);
  await expect(inspector.getByText(addedRule)).toHaveCount(0);

  // An entry added to the data subnets' NACL is listed where AWS evaluates it: before #100.
  await selectBySearch(app, 'prod-data-a');
  await inspector.getByRole('button', { name: prodDataNacl }).click();
  await inspector.getByRole('button', { name: 'Add an entry (what-if)' }).click();
  await inspector.getByLabel('Rule #', { exact: true }).fill('90');
  await inspector.getByRole('combobox', { name: /^Action/ }).selectOption('deny');
  await inspector.getByLabel('From port', { exact: true }).fill('5432');
  await inspector.getByLabel('CIDR', { exact: true }).fill('10.20.48.0/20');
  await inspector.getByRole('button', { name: 'Add entry' }).click();
  await expect(pending).toHaveCount(2);
  const added = '#90 inbound deny tcp/5432 from 10.20.48.0/20';
  await expect(inspector.locator('.rule-list code').first()).toHaveText(added);
  await expect(inspector.getByRole('button', { name: `Undo adding ${added}` })).toBeVisible();
  await app.locator('.inspector').screenshot({ path: `${screenshotDir}/whatif-added-entry.png` });
});

test('an invalid edit is refused with its place, next to the edit', async ({ app }) => {
  await viewsReady(app);
  await openWhatIf(app);
  await selectBySearch(app, 'rds-postgres');
  const inspector = app.getByTestId('inspector');
  await inspector.getByRole('button', { name: 'Add a rule (what-if)' }).click();
  await inspector.getByLabel('From port').fill('5432');
  await inspector.getByLabel('Peer').fill('nowhere');
  await inspector.getByRole('button', { name: 'Add rule' }).click();
  await expect(app.getByTestId('pending-edit')).toHaveClass(/failed/);
  await expect(panel(app).getByRole('alert')).toContainText('$.edits[0]');
  await app.getByRole('button', { name: /^Remove the edit/ }).click();
  await expect(panel(app).getByRole('alert')).toHaveCount(0);
  await expect(app.getByRole('heading', { name: 'What-if' })).toBeFocused();
});

test('a Terraform plan shows its impact and what could not be evaluated', async ({ app }) => {
  await viewsReady(app);
  await openWhatIf(app);
  await app.locator('.plan-picker input[type=file]').setInputFiles(samplePlan);
  await expect(app.getByText('Terraform plan sample-plan.json against the selected snapshot')).toBeVisible();
  await expect(app.getByTestId('impact-risk')).toHaveText('HIGH risk');
  const dependencies = app.getByTestId('impact-dependencies');
  await expect(dependencies).toContainText('order-api → orders-db');
  await expect(dependencies).toContainText('order-worker → orders-db');
  await expect(app.getByTestId('impact-not-evaluated')).toContainText(
    'aws_vpc_security_group_ingress_rule.orders_db_from_proxy',
  );
  await expectMarks(app, 'app', /dep:order-api->orders-db:tcp\/5432=breaks/);
  await panel(app).scrollIntoViewIfNeeded();
  await app.screenshot({ path: `${screenshotDir}/whatif-plan.png` });

  const download = app.waitForEvent('download');
  await panel(app).getByRole('button', { name: 'Markdown' }).click();
  const saved = await download;
  expect(saved.suggestedFilename()).toBe('faultline-impact-high.md');
  const markdown = await readFile((await saved.path()) ?? '', 'utf8');
  expect(markdown).toContain('order-api');

  const pdf = app.waitForEvent('download');
  await panel(app).getByRole('button', { name: 'PDF' }).click();
  expect((await pdf).suggestedFilename()).toMatch(/^faultline-impact-high-.*\.pdf$/);
});

test('a plan dropped on the plan picker is evaluated, not imported as a snapshot', async ({ app }) => {
  await viewsReady(app);
  await openWhatIf(app);
  const text = await readFile(samplePlan, 'utf8');
  // Files entering the window raise its import overlay; the picker must stay on top of it.
  await app.evaluate(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File(['{}'], 'x.json'));
    document.body.dispatchEvent(new DragEvent('dragenter', { dataTransfer: transfer, bubbles: true }));
  });
  await expect(app.locator('.drop-overlay')).toBeVisible();
  const onTop = await app.locator('.plan-picker').evaluate((picker) => {
    const box = picker.getBoundingClientRect();
    return picker.contains(document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2));
  });
  expect(onTop).toBe(true);
  // Saved as Windows PowerShell's `terraform show -json plan > plan.json` saves it: UTF-16, CRLF.
  const saved = [
    ...Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace(/\n/g, '\r\n'), 'utf16le')]),
  ];
  await app.locator('.plan-picker').evaluate((picker, bytes) => {
    const transfer = new DataTransfer();
    const file = new File([new Uint8Array(bytes)], 'dropped-plan.json', { type: 'application/json' });
    transfer.items.add(file);
    for (const type of ['dragenter', 'dragover', 'drop'])
      picker.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, saved);
  await expect(app.getByText('Terraform plan dropped-plan.json against the selected snapshot')).toBeVisible();
  await expect(app.getByTestId('impact-risk')).toHaveText('HIGH risk');
  await expect(app.getByTestId('snapshot-item')).toHaveCount(1);

  // Closing the workbench takes the marks off the views; reopening brings them back.
  await expectMarks(app, 'app', /=breaks/);
  await app.getByRole('button', { name: /^What-if/ }).click();
  await expectMarks(app, 'app', '');
  await app.getByRole('button', { name: /^What-if/ }).click();
  await expectMarks(app, 'app', /=breaks/);
});

test('comparing two snapshots shows what changed between them', async ({ app }) => {
  await viewsReady(app);
  // A later export of the sample in which rds-postgres no longer admits backend-shared.
  await importSampleAs(app, 'northwind-today', async (estate) => {
    const groupsFile = join(estate, 'aws/describe-security-groups.json');
    const groups = JSON.parse(await readFile(groupsFile, 'utf8')) as {
      SecurityGroups: { GroupId: string; IpPermissions: { UserIdGroupPairs?: { GroupId: string }[] }[] }[];
    };
    const rds = groups.SecurityGroups.find((g) => g.GroupId === rdsPostgres);
    const permission = rds?.IpPermissions[0];
    if (!permission?.UserIdGroupPairs) throw new Error('the sample changed: rds-postgres has no group peers');
    permission.UserIdGroupPairs = permission.UserIdGroupPairs.filter((p) => p.GroupId !== backendShared);
    await writeFile(groupsFile, JSON.stringify(groups));
  });
  await viewsReady(app);
  await openWhatIf(app);
  await app.getByLabel('Before (older snapshot)').selectOption({ label: 'Northwind Retail (sample)' });
  await app.getByLabel('After (newer snapshot)').selectOption({ label: 'northwind-today' });
  await app.getByRole('button', { name: 'Compare', exact: true }).click();
  await expect(
    app.getByText(/Comparing Northwind Retail \(sample\) \(before\) with northwind-today/),
  ).toBeVisible();
  await expect(app.getByTestId('impact-risk')).toHaveText('HIGH risk');
  await expect(app.getByTestId('impact-dependencies')).toContainText('order-worker → orders-db');
  await expect(app.getByTestId('impact-changes')).toContainText(
    `removed ${rdsPostgres} ingress tcp 5432 from ${backendShared}`,
  );
  await app.getByTestId('impact-changes').scrollIntoViewIfNeeded();
  await app.screenshot({ path: `${screenshotDir}/whatif-compare.png` });
});

test('removing egress to the internet says whose connections out stop', async ({ app }) => {
  await viewsReady(app);
  await openWhatIf(app);
  await selectBySearch(app, 'payments-gateway');
  const inspector = app.getByTestId('inspector');
  await expect(inspector).toContainText('Security group');
  await inspector.getByRole('button', { name: 'Remove egress tcp/443 to 0.0.0.0/0 (what-if)' }).click();
  const egress = app.getByTestId('impact-egress');
  await expect(egress).toContainText('stops');
  await expect(egress).toContainText('tcp to the internet closes 443');
  await expect(egress).toContainText('payments');
  await expect(app.getByTestId('impact-panel')).toContainText(
    'connections out to the internet stop: tcp 443 from 2 workloads of payments',
  );
  await egress.scrollIntoViewIfNeeded();
  await app.screenshot({ path: `${screenshotDir}/whatif-internet-egress.png` });
});

test('prefix list entries are removed and added in the inspector, and the impact follows', async ({
  app,
}) => {
  await viewsReady(app);
  // The sample leaves out corp-office-ranges' entries (README); this export of it has them.
  await importSampleAs(app, 'northwind-with-office-ranges', async (estate) => {
    const entries = { Entries: [{ Cidr: '198.51.100.0/24' }, { Cidr: '203.0.113.0/25' }] };
    await writeFile(join(estate, `aws/${officeRanges}.json`), JSON.stringify(entries, null, 4));
  });
  await viewsReady(app);
  await openWhatIf(app);
  await selectBySearch(app, bastionGroup);
  const list = app.getByTestId('inspector').getByTestId('prefix-list');
  await expect(list).toContainText(`Prefix list corp-office-ranges ${officeRanges}`);
  await list
    .getByRole('button', { name: 'Remove 198.51.100.0/24 from corp-office-ranges (what-if)' })
    .click();
  await expect(app.getByTestId('pending-edit')).toHaveText(
    /Remove 198\.51\.100\.0\/24 from corp-office-ranges/,
  );
  // The office holds no workload, but the flow logs saw it ssh in: that stops.
  await expect(app.getByTestId('impact-risk')).toHaveText('HIGH risk');
  const outside = app.getByTestId('impact-outside');
  await expect(outside).toContainText('stops');
  await expect(outside).toContainText('198.51.100.23 → bastion tcp/22');
  await expect(app.getByTestId('impact-changes')).toContainText(
    `removed ${officeRanges} (corp-office-ranges) 198.51.100.0/24`,
  );
  await expect(app.getByTestId('impact-approvers')).toContainText('its rules name an edited prefix list');

  await list.getByRole('button', { name: 'Add a CIDR to corp-office-ranges (what-if)' }).click();
  await list.getByLabel('CIDR').fill('198.51.100');
  await list.getByRole('button', { name: 'Add CIDR' }).click();
  await expect(list.getByRole('alert')).toHaveText(/Write a CIDR such as/);
  // shared-tools-b: its build agents could then reach the bastion, which no dependency needs.
  await list.getByLabel('CIDR').fill('10.30.2.0/24');
  await list.getByRole('button', { name: 'Add CIDR' }).click();
  await expect(app.getByTestId('pending-edit')).toHaveCount(2);
  await expect(app.getByTestId('pending-edit').nth(1)).toHaveText(
    /Add 10\.30\.2\.0\/24 to corp-office-ranges/,
  );
  await expect(app.getByTestId('impact-changes')).toContainText(
    `added ${officeRanges} (corp-office-ranges) 10.30.2.0/24`,
  );
  await expect(app.getByTestId('impact-apps')).toContainText(/pairs? opens?/);
  await expect(
    list.getByRole('button', { name: 'Undo adding 10.30.2.0/24 to corp-office-ranges' }),
  ).toBeVisible();
  await expect(app.getByTestId('impact-risk')).not.toHaveText('LOW risk');
  await list.scrollIntoViewIfNeeded();
  await app.screenshot({ path: `${screenshotDir}/whatif-prefix-list.png` });
});

test('sending the route of a subnet to the transit gateway shows the SSH it breaks, and the route in the report', async ({
  app,
}) => {
  await viewsReady(app);
  await openWhatIf(app);
  // shared-tools-a, the bastion's subnet, routed by shared-services' main table.
  await selectBySearch(app, 'shared-tools-a');
  const table = app.getByTestId('inspector').getByTestId('route-table');
  await expect(table).toContainText('Route table rtb-05fedd65e6e2acf6a (the main table');
  await expect(table).toContainText('10.30.0.0/16 → local');
  await expect(
    table.getByRole('button', { name: 'Remove the route 10.30.0.0/16 of rtb-05fedd65e6e2acf6a (what-if)' }),
  ).toHaveCount(0);
  await table
    .getByRole('button', { name: 'Send elsewhere the route 10.20.0.0/16 of rtb-05fedd65e6e2acf6a (what-if)' })
    .click();
  const field = table.getByLabel('Send 10.20.0.0/16 to');
  await field.fill('transit gateway');
  await table.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(table.getByRole('alert')).toHaveText(/Write the id of where it goes/);
  await field.fill('tgw-06a1129c805ca6a6f');
  await table.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(app.getByTestId('pending-edit')).toHaveText(
    /Send 10\.20\.0\.0\/16 of rtb-05fedd65e6e2acf6a to northwind-hub/,
  );
  await expect(app.getByTestId('impact-changes')).toContainText(
    'rtb-05fedd65e6e2acf6a: route 10.20.0.0/16 → pcx-01f7c07e7d9cb4e7a, now tgw-06a1129c805ca6a6f',
  );
  await expect(table).toContainText('10.20.0.0/16 → pcx-01f7c07e7d9cb4e7a now → tgw-06a1129c805ca6a6f');
  // storefront's rule names the bastion's group, which does not match across the transit gateway.
  await expect(app.getByTestId('impact-risk')).toHaveText('HIGH risk');
  await expect(app.getByTestId('impact-dependencies')).toContainText('bastion → web-frontend');
  await expect(app.getByTestId('impact-approvers')).toContainText(
    'route table rtb-05fedd65e6e2acf6a of vpc-099d19c8d624dc3a1: routes edited',
  );
  // A route added, then undone.
  await table.getByRole('button', { name: 'Add a route to rtb-05fedd65e6e2acf6a (what-if)' }).click();
  await table.getByLabel('Route', { exact: true }).fill('10.40.0.0/16 pcx-01f7c07e7d9cb4e7a');
  await table.getByRole('button', { name: 'Add route' }).click();
  await expect(app.getByTestId('pending-edit')).toHaveCount(2);
  await expect(app.getByTestId('impact-changes')).toContainText(
    'rtb-05fedd65e6e2acf6a: route 10.40.0.0/16 → pcx-01f7c07e7d9cb4e7a',
  );
  await table.scrollIntoViewIfNeeded();
  await app.screenshot({ path: `${screenshotDir}/whatif-route.png` });
  await table
    .getByRole('button', {
      name: 'Undo adding 10.40.0.0/16 → pcx-01f7c07e7d9cb4e7a to rtb-05fedd65e6e2acf6a',
    })
    .click();
  await expect(app.getByTestId('pending-edit')).toHaveCount(1);
  // prod-app-a routed by prod-core's main table, which has no route to shared-services.
  await selectBySearch(app, 'prod-app-a');
  const inspector = app.getByTestId('inspector');
  await inspector.getByLabel('Route this subnet by').selectOption('rtb-01f08298781e192be');
  await inspector.getByRole('button', { name: 'Associate (what-if)' }).click();
  await expect(app.getByTestId('pending-edit')).toHaveCount(2);
  await expect(app.getByTestId('pending-edit').nth(1)).toHaveText(
    /Route prod-app-a by rtb-01f08298781e192be/,
  );
  await expect(app.getByTestId('impact-changes')).toContainText(
    'subnet-0a56ca0958254bc9a: routed by rtb-07554c7f5c9720cfe, now rtb-01f08298781e192be',
  );
  await expect(app.getByTestId('impact-dependencies')).toContainText('prometheus → order-api');
  await inspector.getByTestId('route-table').scrollIntoViewIfNeeded();
  await app.screenshot({ path: `${screenshotDir}/whatif-route-association.png` });
  await inspector
    .getByRole('button', { name: 'Undo the what-if edit of the route table of subnet-0a56ca0958254bc9a' })
    .click();
  await expect(app.getByTestId('pending-edit')).toHaveCount(1);
  // Referencing on at the transit gateway mends it (README, "a first what-if").
  await selectBySearch(app, prodCore);
  await app
    .getByTestId('inspector')
    .getByRole('button', { name: 'Enable security group referencing on tgw-06a1129c805ca6a6f (what-if)' })
    .click();
  await expect(app.getByTestId('pending-edit')).toHaveCount(2);
  await expect(app.getByTestId('impact-changes')).toContainText(
    'security group referencing disabled → enabled',
  );
  await expect(app.getByTestId('impact-dependencies')).not.toContainText('bastion → web-frontend');
});

test('security group referencing on a transit gateway is turned on in the inspector, and the impact lists it', async ({
  app,
}) => {
  await viewsReady(app);
  // The sample's transit gateway (referencing off, as AWS creates one), with its route to
  // shared-services made static, as after a migration that pinned it.
  await importSampleAs(app, 'northwind-with-a-static-route', async (estate) => {
    const file = join(estate, 'aws/search-transit-gateway-routes.tgw-rtb-04e6e220554cbc6a9.json');
    const printed = JSON.parse(await readFile(file, 'utf8')) as { Routes: { Type: string }[] };
    const [, toShared] = printed.Routes;
    if (toShared) toShared.Type = 'static';
    await writeFile(file, JSON.stringify(printed, null, 4));
    // A second table of the hub, for prod-core alone: a quarantine that routes only back to it.
    const [toProd] = printed.Routes;
    await writeFile(
      join(estate, 'aws/search-transit-gateway-routes.tgw-rtb-0b2c3d4e5f6a70001.json'),
      JSON.stringify({ Routes: [{ ...toProd, Type: 'static' }], AdditionalRoutesAvailable: false }, null, 4),
    );
  });
  await viewsReady(app);
  await openWhatIf(app);
  await selectBySearch(app, prodCore);
  await expect(app.getByTestId('inspector')).toContainText('Peered VPCs (active peerings)');
  await expect(
    app.getByTestId('inspector').getByRole('button', { name: 'vpc-099d19c8d624dc3a1' }),
  ).toBeVisible();
  const gateways = app.getByTestId('inspector').getByTestId('transit-gateways');
  await expect(gateways).toContainText('tgw-06a1129c805ca6a6f: security group referencing disabled');
  await expect(gateways).toContainText(
    "tgw-attach-04cc88fa7a14ae1fc, this VPC's attachment: security group referencing enabled",
  );
  await gateways
    .getByRole('button', { name: 'Enable security group referencing on tgw-06a1129c805ca6a6f (what-if)' })
    .click();
  await expect(app.getByTestId('pending-edit')).toHaveText(
    /Enable security group referencing on tgw-06a1129c805ca6a6f/,
  );
  await expect(app.getByTestId('impact-changes')).toContainText(
    'tgw-06a1129c805ca6a6f: security group referencing disabled → enabled',
  );
  await expect(
    gateways.getByRole('button', { name: 'Undo the what-if edit of tgw-06a1129c805ca6a6f' }),
  ).toBeVisible();
  // The table this VPC's attachment is associated with: its static route can go, another be added.
  const routes = gateways.getByTestId('transit-gateway-routes');
  await expect(routes).toContainText('10.20.0.0/16 → tgw-attach-04cc88fa7a14ae1fc propagated');
  await routes
    .getByRole('button', {
      name: 'Remove the static route 10.30.0.0/16 of tgw-rtb-04e6e220554cbc6a9 (what-if)',
    })
    .click();
  await routes
    .getByRole('button', { name: 'Add a static route to tgw-rtb-04e6e220554cbc6a9 (what-if)' })
    .click();
  await routes.getByLabel('Route', { exact: true }).fill('10.30.2.0/24');
  await routes.getByRole('button', { name: 'Add route' }).click();
  await expect(routes.getByRole('alert')).toHaveText(/Write a CIDR and where it goes/);
  await routes.getByLabel('Route', { exact: true }).fill('10.30.2.0/24 blackhole');
  await routes.getByRole('button', { name: 'Add route' }).click();
  await expect(app.getByTestId('pending-edit')).toHaveCount(3);
  const changes = app.getByTestId('impact-changes');
  await expect(changes).toContainText(
    'tgw-rtb-04e6e220554cbc6a9: static route 10.30.0.0/16 → tgw-attach-0ad877115ef06cbb0',
  );
  await expect(changes).toContainText('tgw-rtb-04e6e220554cbc6a9: static route 10.30.2.0/24 → blackhole');
  // The attachment's links: its association, and its propagation, which takes prod-core's range out.
  const links = gateways.getByTestId('transit-gateway-links');
  await expect(links).toContainText('Associated with tgw-rtb-04e6e220554cbc6a9');
  await links
    .getByRole('button', {
      name: 'Stop propagating tgw-attach-04cc88fa7a14ae1fc to tgw-rtb-04e6e220554cbc6a9 (what-if)',
    })
    .click();
  await expect(app.getByTestId('pending-edit')).toHaveCount(4);
  await expect(changes).toContainText(
    'tgw-rtb-04e6e220554cbc6a9: propagated route 10.20.0.0/16 → tgw-attach-04cc88fa7a14ae1fc',
  );
  // Moved to the quarantine table, whose routes reach no other VPC: one edit, Undo alone while pending.
  await links
    .getByRole('button', {
      name: 'Associate tgw-attach-04cc88fa7a14ae1fc with tgw-rtb-0b2c3d4e5f6a70001 (what-if)',
    })
    .click();
  await expect(app.getByTestId('pending-edit')).toHaveCount(5);
  await expect(changes).toContainText(
    'tgw-attach-04cc88fa7a14ae1fc: associated with tgw-rtb-04e6e220554cbc6a9, now tgw-rtb-0b2c3d4e5f6a70001',
  );
  await expect(links.getByRole('button', { name: /^Disassociate|^Associate/ })).toHaveCount(0);
  await expect(
    links.getByRole('button', {
      name: 'Undo the what-if edit of the association of tgw-attach-04cc88fa7a14ae1fc',
    }),
  ).toHaveCount(1);
  await gateways.scrollIntoViewIfNeeded();
  await app.screenshot({ path: `${screenshotDir}/whatif-transit-gateway.png` });
});
