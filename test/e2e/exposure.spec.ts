import { join } from 'node:path';
import { expect, repoRoot, screenshotDir, test } from './fixtures';
import { openWhatIf, selectBySearch, viewsReady } from './viewActions';

/** A public web server behind a Gateway Load Balancer endpoint (test/fixtures/aws/inspected/README.md). */
const inspectedDir = join(repoRoot, 'test/fixtures/aws/inspected');
const portalGroup = 'sg-0e1d9c8b7a6f50021';

test('a server behind an inspection appliance may be open to the internet, in findings and in a what-if', async ({
  app,
  snapshots,
}) => {
  await viewsReady(app);
  await app.getByTestId('import-folder-input').setInputFiles(inspectedDir);
  await expect(snapshots.items).toHaveCount(2);
  await expect(snapshots.items.first().getByTestId('snapshot-name')).toHaveText('inspected');
  await expect(app.getByTestId('analysis-progress')).toBeHidden();
  await viewsReady(app);

  const ssh = app
    .getByTestId('finding')
    .filter({ hasText: 'tcp 22 on 1 workload may be open to the internet' });
  await expect(ssh).toHaveCount(1);
  await ssh.getByRole('button').click();
  await expect(ssh).toContainText('unless what the export does not show stops them');
  await expect(ssh).toContainText('vpce-0e1d9c8b7a6f50001, a Gateway Load Balancer endpoint');
  await app.locator('.graph-row').screenshot({ path: join(screenshotDir, 'exposure-views.png') });
  await ssh.scrollIntoViewIfNeeded();
  await app.locator('.detail-row').screenshot({ path: join(screenshotDir, 'exposure-may-be-open.png') });

  // Opening another port to the world: the impact says the internet reaches it unless the appliance stops it.
  await openWhatIf(app);
  await selectBySearch(app, portalGroup);
  const inspector = app.getByTestId('inspector');
  await inspector.getByRole('button', { name: 'Add a rule (what-if)' }).click();
  await inspector.getByLabel('From port').fill('8080');
  await inspector.getByLabel('Peer').fill('0.0.0.0/0');
  await inspector.getByRole('button', { name: 'Add rule' }).click();
  const exposure = app.getByTestId('impact-exposure');
  await expect(exposure).toContainText('reachable unless unseen hops stop it');
  await expect(exposure).toContainText('tcp 8080 from the internet');
  const panel = app.getByTestId('impact-panel');
  await expect(panel).toContainText(
    'exposure to the internet added, unless what the export does not show stops it',
  );
  // The Gateway Load Balancer endpoint in the VPC opens no connection of its own: no opening from it.
  await expect(panel).toContainText('0 pairs open');
  await expect(panel).not.toContainText('no dependency needs');
  await exposure.scrollIntoViewIfNeeded();
  await app.screenshot({ path: join(screenshotDir, 'exposure-what-if.png') });
});
