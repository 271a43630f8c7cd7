import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createService } from '../../../main/service/createService';
import { dispatch } from '../../../main/service/dispatch';
import { runCli as run } from '../helpers/runCli';
import { tempDbFile } from '../helpers/tempWorkspace';
import { impactFixtures } from './cluster';

const kubernetes = new URL('../../fixtures/kubernetes/', import.meta.url).pathname;
const dependencies = join(impactFixtures.pathname, 'dependencies.csv');

/** A workspace imported, as a user would, from the fixture cluster, its dependencies and these files. */
async function workspace(...files: string[]): Promise<string> {
  const db = tempDbFile();
  const imported = await run('import', '--db', db, join(kubernetes, 'cluster.json'), dependencies, ...files);
  expect(imported.code).toBe(0);
  return db;
}

function changeFile(db: string, change: object): string {
  const path = join(dirname(db), 'CHANGE.json');
  writeFileSync(path, JSON.stringify(change));
  return path;
}

const denyAllIngress = {
  title: 'Deny all ingress in shop',
  edits: [
    {
      op: 'add-network-policy',
      policy: {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'default-deny-ingress', namespace: 'shop' },
        spec: { podSelector: {}, policyTypes: ['Ingress'] },
      },
    },
  ],
};

describe('faultline impact on a cluster', () => {
  it('exits 3 when a new deny-all policy breaks storefront → order-api, naming the policy and namespace', async () => {
    const db = await workspace();
    const { code, out } = await run('impact', '--db', db, '--change', changeFile(db, denyAllIngress));
    expect(code).toBe(3);
    expect(out).toContain('| storefront → order-api tcp/8080 | shop → shop | **BREAKS** | 2 / 0 / 0 of 2 |');
    expect(out).toContain('networkpolicy shop/default-deny-ingress (selects the pod');
    expect(out).toMatch(/- \*\*team-storefront\*\*: .*app shop: storefront → order-api tcp\/8080 breaks/);
    expect(out).toContain('- **shop**: namespace shop: NetworkPolicies or pod labels edited');
    expect(out).toMatch(/\| namespace\/billing[^|]* \| namespace\/shop[^|]* \| tcp \| {2}\| all \| 4 \|/);
    expect(out).toContain('- NetworkPolicy added: `shop/default-deny-ingress: pods {all}; ingress nothing`');
  });

  it('draws namespaces and the policy in the HTML picture of segments', async () => {
    const db = await workspace();
    const { code, out } = await run(
      'impact',
      '--db',
      db,
      '--change',
      changeFile(db, denyAllIngress),
      '--format',
      'html',
    );
    expect(code).toBe(3);
    const segments = out.slice(out.indexOf('aria-label="Segments around the change"'));
    expect(segments).toContain('>namespace shop</text>');
    expect(segments).toContain('>namespace billing</text>');
    expect(segments).toContain('font-weight="bold">policy shop/default-den…</text>');
  });

  it('exits 0 when removing the policy restores the dependencies', async () => {
    const db = await workspace(join(kubernetes, 'recipes/deny-all-ingress/policies.yaml'));
    const change = {
      edits: [{ op: 'remove-network-policy', namespace: 'shop', name: 'default-deny-ingress' }],
    };
    const { code, out } = await run('impact', '--db', db, '--change', changeFile(db, change));
    expect(code).toBe(0);
    expect(out).toContain('| storefront → order-api tcp/8080 | shop → shop | restored | 0 / 2 / 0 of 2 |');
  });

  it('exits 1 for a manifest the importer would refuse, naming its place in CHANGE.json', async () => {
    const db = await workspace();
    const bad = structuredClone(denyAllIngress);
    (bad.edits[0]?.policy.spec as Record<string, unknown>).policyTypes = ['Ingress', 'Sideways'];
    const { code, err } = await run('impact', '--db', db, '--change', changeFile(db, bad));
    expect(code).toBe(1);
    expect(err).toBe(
      'faultline: CHANGE.json $.edits[0].policy.spec.policyTypes[1]: expected Ingress or Egress, got "Sideways"\n',
    );
  });
});

describe('Kubernetes edits through the API', () => {
  it('answers a refused manifest as bad input at its place, and leaves the snapshot as it was', async () => {
    const { service, close } = await createService({ dbFile: await workspace() });
    try {
      const policy = { ...denyAllIngress.edits[0]?.policy, spec: { ingress: [{ from: [{}] }] } };
      const refused = await dispatch(service, 'impact', {
        change: { edits: [{ op: 'add-network-policy', policy }] },
      });
      expect(refused).toMatchObject({
        ok: false,
        error: { code: 'bad-input', place: '$.edits[0].policy.spec.ingress[0].from[0]' },
      });
      const answer = await dispatch(service, 'impact', { change: denyAllIngress });
      expect(answer).toMatchObject({ ok: true, value: { figures: { dependenciesBroken: 2 } } });
      const again = await dispatch(service, 'impact', {
        change: { edits: [{ op: 'remove-network-policy', namespace: 'shop', name: 'default-deny-ingress' }] },
      });
      // The first change was never stored: the policy is not in the snapshot.
      expect(again).toMatchObject({ ok: false, error: { code: 'bad-input', place: '$.edits[0].name' } });
    } finally {
      close();
    }
  });
});
