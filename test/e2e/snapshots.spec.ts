import { sampleSnapshotName } from '../../main/service/createService';
import { expect, sampleWorkloadCount, screenshot, test } from './fixtures';

test('first start on an empty store shows the seeded sample snapshot', async ({ app, snapshots }) => {
  await expect(snapshots.items).toHaveCount(1);
  const sample = snapshots.item(sampleSnapshotName);
  await expect(sample).toBeVisible();
  await expect(sample.getByTestId('snapshot-workloads')).toHaveText(String(sampleWorkloadCount()));
  await expect(sample).toHaveClass(/\bselected\b/);
  await expect(sample.locator('[aria-current="true"]')).toHaveCount(1);

  // The selected snapshot's summary and the two views.
  const summary = app.getByTestId('snapshot-summary');
  await expect(summary.getByRole('heading', { level: 1 })).toHaveText(sampleSnapshotName);
  await expect(app.getByRole('heading', { name: 'Application topology' })).toBeVisible();
  await expect(app.getByRole('heading', { name: 'Segment topology' })).toBeVisible();

  await screenshot(app, 'snapshot-list.png');
  await app.emulateMedia({ colorScheme: 'dark' });
  await screenshot(app, 'snapshot-list-dark.png');
});

test('rename a snapshot inline, then delete it after confirming', async ({ app, snapshots }) => {
  const sample = snapshots.item(sampleSnapshotName);
  await sample.getByRole('button', { name: `Rename ${sampleSnapshotName}` }).click();
  const field = app.getByLabel(`New name for ${sampleSnapshotName}`);
  await expect(field).toBeFocused();

  // Escape abandons the edit.
  await field.fill('Not this');
  await field.press('Escape');
  await expect(snapshots.item(sampleSnapshotName)).toBeVisible();
  // Focus goes back to the snapshot, so the keyboard user can carry on from there.
  await expect(sample.locator('.snapshot-select')).toBeFocused();

  await sample.getByRole('button', { name: `Rename ${sampleSnapshotName}` }).click();
  await app.getByLabel(`New name for ${sampleSnapshotName}`).fill('Production, eu-west-1');
  await app.getByLabel(`New name for ${sampleSnapshotName}`).press('Enter');
  const renamed = snapshots.item('Production, eu-west-1');
  await expect(renamed).toBeVisible();
  await expect(app.getByTestId('snapshot-summary').getByRole('heading', { level: 1 })).toHaveText(
    'Production, eu-west-1',
  );

  // The name is stored, not only shown.
  await app.reload();
  await snapshots.loaded();
  await expect(snapshots.item('Production, eu-west-1')).toBeVisible();

  // Delete asks first; Cancel keeps the snapshot.
  await snapshots
    .item('Production, eu-west-1')
    .getByRole('button', { name: 'Delete Production, eu-west-1' })
    .click();
  const confirm = app.getByRole('alertdialog');
  await expect(confirm).toContainText('Delete Production, eu-west-1?');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  await expect(snapshots.items).toHaveCount(1);

  await snapshots
    .item('Production, eu-west-1')
    .getByRole('button', { name: 'Delete Production, eu-west-1' })
    .click();
  await app.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
  await expect(snapshots.items).toHaveCount(0);
  await expect(app.getByText('No snapshots yet.')).toBeVisible();
  await expect(app.getByRole('heading', { name: 'No snapshot selected' })).toBeVisible();

  await app.reload();
  await snapshots.loaded();
  await expect(snapshots.items).toHaveCount(0);
});
