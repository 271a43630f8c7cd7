import type { Page } from '@playwright/test';
import { expect, screenshotDir, test } from './fixtures';
import { expectMarks, openWhatIf, selectBySearch, shootFromTop, viewsReady } from './viewActions';

/** The sample's cluster (resources/sample/README.md, "Kubernetes: the mobile backend"). */
const clients = 'networkpolicy/mobile-data/session-cache-clients';
const pushWorkerPod = 'mobile/push-worker-5d8b7c6f4-q8rtn';

/** session-cache admits redis from push-worker, as session-cache-clients does from mobile-bff. */
const admitPushWorker = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: session-cache-push-worker
  namespace: mobile-data
spec:
  podSelector:
    matchLabels:
      app.kubernetes.io/name: session-cache
  policyTypes: [Ingress]
  ingress:
    - from:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: mobile
          podSelector:
            matchLabels:
              app.kubernetes.io/name: push-worker
      ports:
        - port: 6379
`;

/** The inspector sits below the views: scroll the window down to its what-if section. */
async function showWhatIf(page: Page): Promise<void> {
  await page.locator('main.content').evaluate((content) => content.scrollTo(0, content.scrollHeight));
  await page
    .getByTestId('inspector')
    .locator('.whatif-section')
    .evaluate((section) => section.scrollIntoView({ block: 'end' }));
}

// Both start in the what-if workbench with session-cache-clients in the inspector.
test.beforeEach(async ({ app }) => {
  await viewsReady(app);
  await openWhatIf(app);
  await selectBySearch(app, clients);
});

test('removing a NetworkPolicy breaks what it admitted; a policy added in its namespace restores a flow', async ({
  app,
}) => {
  const inspector = app.getByTestId('inspector');
  await expect(inspector).toContainText('NetworkPolicy in mobile-data');
  // Policy rules are not security group rules: no rule-level buttons.
  await expect(inspector.getByRole('button', { name: /^Edit ingress/ })).toHaveCount(0);
  await inspector
    .getByRole('button', { name: 'Remove NetworkPolicy mobile-data/session-cache-clients (what-if)' })
    .click();

  const pending = app.getByTestId('pending-edit');
  await expect(pending).toHaveText(/Remove NetworkPolicy mobile-data\/session-cache-clients/);
  await expect(inspector.getByText('removed', { exact: true })).toBeVisible();
  await expect(
    inspector.getByRole('button', {
      name: 'Undo the what-if edit of NetworkPolicy mobile-data/session-cache-clients',
    }),
  ).toBeFocused();
  await expect(app.getByTestId('impact-risk')).toHaveText('HIGH risk');
  const dependencies = app.getByTestId('impact-dependencies');
  await expect(
    dependencies.getByRole('listitem').filter({ hasText: 'mobile-bff → session-cache' }),
  ).toContainText(/breaks.*tcp\/6379/);
  await expectMarks(app, 'app', /dep:mobile-bff->session-cache:tcp\/6379=breaks/);
  await shootFromTop(app, 'whatif-k8s-remove-policy.png');
  await showWhatIf(app);
  await app.screenshot({ path: `${screenshotDir}/whatif-k8s-removed-inspector.png` });

  await selectBySearch(app, 'namespace/mobile-data');
  await expect(inspector).toContainText('Kubernetes namespace');
  await inspector.getByRole('button', { name: 'Add NetworkPolicy (what-if)' }).click();
  const manifest = inspector.getByLabel('Manifest (YAML or JSON)');
  // The namespace already has a default-deny-ingress: the template takes a free name.
  await expect(manifest).toHaveValue(/name: default-deny-ingress-2\n\s+namespace: mobile-data/);
  await showWhatIf(app);
  await app.screenshot({ path: `${screenshotDir}/whatif-k8s-add-policy-form.png` });

  // Not YAML: said in the form, nothing is sent.
  await manifest.fill('spec: {');
  await inspector.getByRole('button', { name: 'Add NetworkPolicy', exact: true }).click();
  await expect(inspector.getByRole('alert')).toContainText('Not valid YAML or JSON');
  await expect(pending).toHaveCount(1);

  // YAML the API refuses: the message and its place show on the edit.
  await manifest.fill(admitPushWorker.replace('policyTypes: [Ingress]', 'policyTypes: [Sideways]'));
  await inspector.getByRole('button', { name: 'Add NetworkPolicy', exact: true }).click();
  await expect(pending.nth(1)).toHaveClass(/failed/);
  await expect(pending.nth(1)).toContainText('Add NetworkPolicy mobile-data/session-cache-push-worker');
  await expect(app.getByTestId('impact-panel').getByRole('alert')).toContainText(
    '$.edits[1].policy.spec.policyTypes[0]',
  );
  await shootFromTop(app, 'whatif-k8s-refused.png');
  await inspector
    .getByRole('button', { name: 'Undo adding NetworkPolicy mobile-data/session-cache-push-worker' })
    .click();
  await expect(pending).toHaveCount(1);

  await inspector.getByRole('button', { name: 'Add NetworkPolicy (what-if)' }).click();
  await manifest.fill(admitPushWorker);
  await inspector.getByRole('button', { name: 'Add NetworkPolicy', exact: true }).click();
  await expect(pending.nth(1)).toHaveText(/Add NetworkPolicy mobile-data\/session-cache-push-worker/);
  await expect(inspector.getByText('added', { exact: true })).toBeVisible();
  await expect(
    dependencies.getByRole('listitem').filter({ hasText: 'push-worker → session-cache' }),
  ).toContainText(/restored.*tcp\/6379/);
  await expectMarks(app, 'app', /dep:push-worker->session-cache:tcp\/6379=restored/);
  await shootFromTop(app, 'whatif-k8s-add-policy.png');
  await app.getByTestId('impact-panel').scrollIntoViewIfNeeded();
  await app.screenshot({ path: `${screenshotDir}/whatif-k8s-panel.png` });
});

test('a NetworkPolicy replaced from its manifest, and a pod relabelled, change who is admitted', async ({
  app,
}) => {
  const inspector = app.getByTestId('inspector');
  await inspector
    .getByRole('button', { name: 'Replace NetworkPolicy mobile-data/session-cache-clients (what-if)' })
    .click();
  const manifest = inspector.getByLabel('Manifest (YAML or JSON)');
  // The manifest as its author wrote it: none of the fields kubectl adds when it lists an object.
  await expect(manifest).toHaveValue(/name: session-cache-clients/);
  await expect(manifest).not.toHaveValue(/resourceVersion|uid:/);
  const text = await manifest.inputValue();
  await manifest.fill(
    text.replace('app.kubernetes.io/name: mobile-bff', 'app.kubernetes.io/name: push-worker'),
  );
  await showWhatIf(app);
  await app.screenshot({ path: `${screenshotDir}/whatif-k8s-replace-form.png` });
  await app.getByRole('button', { name: 'Dark theme' }).click();
  await showWhatIf(app);
  await app.screenshot({ path: `${screenshotDir}/whatif-k8s-replace-form-dark.png` });
  await app.getByRole('button', { name: 'Light theme' }).click();
  await inspector.getByRole('button', { name: 'Replace (what-if)' }).click();
  const pending = app.getByTestId('pending-edit');
  await expect(pending).toHaveText(/Replace NetworkPolicy mobile-data\/session-cache-clients/);
  await expect(inspector.getByText('changed', { exact: true })).toBeVisible();
  const dependencies = app.getByTestId('impact-dependencies');
  await expect(dependencies).toContainText('mobile-bff → session-cache');
  await expect(dependencies).toContainText('push-worker → session-cache');
  await expectMarks(app, 'app', /dep:push-worker->session-cache:tcp\/6379=restored/);
  await inspector
    .getByRole('button', { name: 'Undo the what-if edit of NetworkPolicy mobile-data/session-cache-clients' })
    .click();
  await expect(pending).toHaveCount(0);

  // push-worker labelled as mobile-bff is admitted by session-cache-clients as it stands.
  await selectBySearch(app, pushWorkerPod);
  await expect(inspector).toContainText('Workload (pod)');
  await inspector
    .getByRole('button', { name: 'Edit the labels of push-worker-5d8b7c6f4-q8rtn (what-if)' })
    .click();
  const labels = inspector.getByLabel('Labels, one key=value a line');
  await expect(labels).toHaveValue(/app\.kubernetes\.io\/name=push-worker/);
  await labels.fill(
    (await labels.inputValue()).replace(
      'app.kubernetes.io/name=push-worker',
      'app.kubernetes.io/name=mobile-bff',
    ),
  );
  await showWhatIf(app);
  await app.screenshot({ path: `${screenshotDir}/whatif-k8s-pod-labels-form.png` });
  await inspector.getByRole('button', { name: 'Apply what-if' }).click();
  await expect(pending).toHaveText(
    /Set labels of mobile\/push-worker-5d8b7c6f4-q8rtn: app\.kubernetes\.io\/name=mobile-bff/,
  );
  await expectMarks(app, 'app', /dep:push-worker->session-cache:tcp\/6379=restored/);
  await shootFromTop(app, 'whatif-k8s-pod-labels.png');
});
