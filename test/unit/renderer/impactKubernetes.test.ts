import { describe, expect, it } from 'vitest';
import {
  denyIngressTemplate,
  manifestText,
  readManifest,
} from '../../../renderer/src/components/impact/manifestText';
import { labelChanges, labelsText } from '../../../renderer/src/components/impact/podLabels';
import { clusterSegment } from '../../../renderer/src/graph/clusterSegments';
import {
  describeEdit,
  emptyEdits,
  labelsTarget,
  manifestRef,
  pendingOn,
  policyTarget,
  reduceEdits,
} from '../../../renderer/src/state/impactEdits';

const policy = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'session-cache-clients', namespace: 'mobile-data' },
  spec: { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'session-cache' } } },
};

describe('NetworkPolicy manifests in the what-if editor', () => {
  it('shows a manifest as YAML and reads it back', () => {
    const text = manifestText(policy);
    expect(text).toContain('name: session-cache-clients');
    expect(readManifest(text)).toEqual({ ok: true, value: policy });
  });

  it('reads JSON as well', () => {
    expect(readManifest(JSON.stringify(policy))).toEqual({ ok: true, value: policy });
  });

  it('refuses what is no single mapping, before the API is asked', () => {
    expect(readManifest('- a\n- b')).toMatchObject({ ok: false, message: /is a mapping/ });
    expect(readManifest('kind: A\n---\nkind: B')).toMatchObject({ ok: false, message: /Not valid YAML/ });
    expect(readManifest('kind: A\nkind: B')).toMatchObject({ ok: false, message: /Not valid YAML/ });
    expect(readManifest('spec: {')).toMatchObject({ ok: false });
  });

  it('stops an alias bomb instead of expanding it', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
    ].join('\n');
    expect(readManifest(bomb)).toMatchObject({ ok: false, message: /Cannot be read/ });
  });

  it('starts a new policy as a default deny of ingress, under a name the namespace has free', () => {
    const read = readManifest(denyIngressTemplate('shop', []));
    expect(read).toEqual({
      ok: true,
      value: {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'default-deny-ingress', namespace: 'shop' },
        spec: { podSelector: {}, policyTypes: ['Ingress'] },
      },
    });
    const taken = ['default-deny-ingress', 'default-deny-ingress-2'];
    expect(denyIngressTemplate('shop', taken)).toContain('name: default-deny-ingress-3');
  });
});

describe('pod labels in the what-if editor', () => {
  const labels = { app: 'web', team: 'shop', tier: 'front' };

  it('reads the edited lines as labels set and removed', () => {
    expect(labelsText(labels)).toBe('app=web\nteam=shop\ntier=front');
    expect(labelChanges(labels, 'app=web\nteam = payments\n\ncanary=true')).toEqual({
      ok: true,
      value: { team: 'payments', canary: 'true', tier: null },
    });
    expect(labelChanges(labels, 'app=web\nteam=shop\ntier=')).toEqual({ ok: true, value: { tier: '' } });
  });

  it('says what is wrong with a line, or that nothing changed', () => {
    expect(labelChanges(labels, 'app=web\njust-a-key')).toEqual({
      ok: false,
      message: 'Line 2: write key=value',
    });
    expect(labelChanges(labels, 'app=a\napp=b')).toMatchObject({ ok: false, message: /given twice/ });
    expect(labelChanges(labels, labelsText(labels))).toMatchObject({ ok: false, message: /unchanged/ });
  });
});

describe('Kubernetes segments and edits', () => {
  it('tells namespaces and policies from security groups by their ids', () => {
    expect(clusterSegment('namespace/mobile')).toEqual({ kind: 'namespace', namespace: 'mobile' });
    expect(clusterSegment('networkpolicy/mobile-data/session-cache-clients')).toEqual({
      kind: 'policy',
      namespace: 'mobile-data',
      name: 'session-cache-clients',
    });
    for (const other of ['sg-0619411f266f96a8d', 'namespace/a/b', 'networkpolicy/a', 'namespace/'])
      expect(clusterSegment(other)).toBeNull();
  });

  it('names Kubernetes edits readably, an added policy by its metadata', () => {
    expect(describeEdit({ op: 'add-network-policy', policy })).toBe(
      'Add NetworkPolicy mobile-data/session-cache-clients',
    );
    expect(describeEdit({ op: 'add-network-policy', policy: { metadata: { name: 'x' } } })).toBe(
      'Add NetworkPolicy default/x',
    );
    expect(describeEdit({ op: 'add-network-policy', policy: {} })).toBe(
      'Add NetworkPolicy default/(no name)',
    );
    expect(manifestRef({ metadata: 'nonsense' })).toEqual({ namespace: 'default', name: null });
  });

  it('lets a replacement of a removed policy, or a second relabelling, replace the earlier edit', () => {
    const ns = 'mobile-data';
    const name = 'session-cache-clients';
    let list = reduceEdits(emptyEdits, {
      type: 'add',
      edit: { op: 'remove-network-policy', namespace: ns, name },
    });
    list = reduceEdits(list, {
      type: 'add',
      edit: { op: 'replace-network-policy', namespace: ns, name, policy },
    });
    expect(list.items.map((i) => i.edit.op)).toEqual(['replace-network-policy']);
    expect(pendingOn(list, policyTarget(ns, name))?.edit.op).toBe('replace-network-policy');
    const relabel = (labels: Record<string, string | null>) =>
      ({ op: 'set-pod-labels', namespace: 'mobile', workload: 'push-worker-1', labels }) as const;
    list = reduceEdits(list, { type: 'add', edit: relabel({ a: '1' }) });
    list = reduceEdits(list, { type: 'add', edit: relabel({ a: null }) });
    expect(list.items).toHaveLength(2);
    expect(pendingOn(list, labelsTarget('mobile', 'push-worker-1'))?.edit).toEqual(relabel({ a: null }));
  });
});
