import { describe, expect, it } from 'vitest';
import { applyChange } from '../../../main/core/impact/applyChange';
import type { ChangeEdit } from '../../../main/core/impact/change';
import { affectedPods } from '../../../main/core/impact/clusterDiff';
import { diffEstates } from '../../../main/core/impact/estateDiff';
import { diffPodFlows } from '../../../main/core/impact/podFlowChanges';
import { readKubernetesFiles } from '../../../main/core/kubernetes';
import { clusterWith, fixture, textFile } from '../kubernetes/files';
import { clusterSide, impactFixture } from './cluster';

const manifest = (namespace: string, name: string, spec: object) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name, namespace },
  spec,
});

describe('affected pods', () => {
  it('comparing only pairs with an affected pod finds what comparing all pairs finds', () => {
    const side = clusterSide(
      clusterWith(impactFixture('allow-all-to-pay.yaml'), fixture('recipes/allow-dns-egress/policies.yaml')),
    );
    const cluster = side.estate.kubernetes;
    const edits: ChangeEdit[] = [
      {
        op: 'add-network-policy',
        policy: manifest('shop', 'deny', { podSelector: {}, policyTypes: ['Ingress'] }),
      },
      {
        op: 'replace-network-policy',
        namespace: 'billing',
        name: 'pay-ingress',
        policy: manifest('billing', 'pay-ingress', {
          podSelector: { matchLabels: { app: 'pay' } },
          ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'shop' } } }] }],
        }),
      },
      { op: 'remove-network-policy', namespace: 'shop', name: 'allow-dns' },
      // coredns stops matching the DNS policies' peers: pods elsewhere lose DNS without any policy edit.
      {
        op: 'set-pod-labels',
        namespace: 'kube-system',
        workload: 'coredns-5d78c9869d-7kx2p',
        labels: { 'k8s-app': 'dns' },
      },
    ];
    const everyPod = new Set(cluster?.pods.map((pod) => `${pod.namespace}/${pod.name}`));
    for (const edit of edits) {
      const after = applyChange(side.estate, { edits: [edit] });
      const affected = affectedPods(cluster, after.kubernetes, diffEstates(side.estate, after));
      expect(affected.size).toBeLessThan(everyPod.size);
      const diff = (pods: ReadonlySet<string>) =>
        diffPodFlows(cluster, after.kubernetes, pods, new Map(), side.applications.dependencies);
      const found = diff(affected);
      expect(found.flows.length).toBeGreaterThan(0);
      expect(found).toEqual(diff(everyPod));
    }
  });

  it('none for namespaces exported again (new resourceVersion and uid, other order), every pod for a label', () => {
    type Item = { kind: string; metadata: { resourceVersion?: string; uid?: string; labels?: object } };
    const list = JSON.parse(new TextDecoder().decode(fixture('cluster.json').data)) as { items: Item[] };
    const exportedAgain = (relabel: (labels: Record<string, string>) => Record<string, string>) => {
      const items = list.items.map((item) =>
        item.kind !== 'Namespace'
          ? item
          : {
              ...item,
              metadata: {
                ...item.metadata,
                resourceVersion: '9001',
                uid: `${item.metadata.uid}-again`,
                labels: relabel(Object.fromEntries(Object.entries(item.metadata.labels ?? {}).reverse())),
              },
            },
      );
      const file = textFile('cluster.json', JSON.stringify({ ...list, items: items.reverse() }));
      return readKubernetesFiles([file]).estate;
    };
    const before = clusterWith();
    const affected = (after: ReturnType<typeof exportedAgain>) =>
      affectedPods(before, after, diffEstates(clusterSide(before).estate, clusterSide(after).estate)).size;
    expect(affected(exportedAgain((labels) => labels))).toBe(0);
    expect(affected(exportedAgain((labels) => ({ ...labels, tier: 'gold' })))).toBe(before.pods.length);
  });
});
