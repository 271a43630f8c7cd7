import { describe, expect, it } from 'vitest';
import { buildApplicationModel, noApplication } from '../../../main/core/applications/buildModel';
import type { ApplicationSources } from '../../../main/core/domain/applications';
import type { Estate } from '../../../main/core/domain/estate';
import { clusterOnly, clusterWith, labelModel } from './files';

const noSources: ApplicationSources = {
  services: [],
  dependencies: [],
  providedApis: [],
  unresolvedApis: [],
  flows: [],
};
const estate: Estate = clusterOnly(clusterWith());

describe('pods in the application model', () => {
  it('app.kubernetes.io/part-of names the app and app.kubernetes.io/name the service, by default', () => {
    const model = labelModel(estate);
    const summary = model.apps.map((app) => [app.name, app.services.map((s) => [s.name, s.workloadIds])]);
    expect(summary).toEqual([
      ['billing', [['payments', ['billing/pay-6c9d8f7b5-zzq2w']]]],
      // No part-of label: the workspace's `app` key names the application.
      ['prometheus', [['prometheus', ['monitoring/prometheus-0']]]],
      [
        'shop',
        [
          ['order-api', ['shop/api-5f6d7c8b9-k8s7q']],
          ['orders-db', ['shop/db-0']],
          ['storefront', ['shop/web-7d4b9c6f5-x2x9k', 'shop/web-7d4b9c6f5-q9w2e']],
        ],
      ],
    ]);
  });

  it('lists pods no label names as unassigned, saying labels', () => {
    const model = labelModel(estate);
    expect(model.unassigned).toEqual([
      {
        workloadId: 'kube-system/coredns-5d78c9869d-7kx2p',
        kind: 'pod',
        name: 'coredns-5d78c9869d-7kx2p',
        reason: 'no app/service label and no catalog selector matches it',
      },
    ]);
  });

  it("falls back to the workspace's keys after the recommended labels", () => {
    const keys = { app: ['tier'], service: ['k8s-app'], owner: [] };
    const model = buildApplicationModel(estate, noSources, keys);
    const services = model.apps.flatMap((app) => app.services.map((s) => `${app.name}/${s.name}`));
    expect(services).toEqual([
      `${noApplication}/kube-dns`,
      `${noApplication}/prometheus`,
      'billing/payments',
      'shop/order-api',
      'shop/orders-db',
      'shop/storefront',
    ]);
  });

  describe('one app.kubernetes.io/name in two installs (namespaces or apps) is two services', () => {
    const [template] = estate.kubernetes?.pods ?? [];
    const pod = (namespace: string, name: string, ip: string, labels: Record<string, string>) => ({
      ...(template as NonNullable<typeof template>),
      namespace,
      name,
      ips: [ip],
      labels,
    });
    const postgres = (partOf: string, team: string) => ({
      'app.kubernetes.io/name': 'postgresql',
      'app.kubernetes.io/part-of': partOf,
      team,
    });
    const withPods = (...pods: ReturnType<typeof pod>[]): Estate => clusterOnly({ ...clusterWith(), pods });
    const summary = (model: ReturnType<typeof labelModel>) =>
      model.apps.map((app) => [app.name, app.owners, app.services.map((s) => [s.name, s.workloadIds])]);

    it('named namespace/name when the namespaces differ, each in its own app', () => {
      const model = labelModel(
        withPods(
          pod('orders', 'db-0', '10.1.0.1', postgres('orders', 'team-orders')),
          pod('payments', 'db-0', '10.1.0.2', postgres('payments', 'team-payments')),
        ),
      );
      expect(summary(model)).toEqual([
        ['orders', ['team-orders'], [['orders/postgresql', ['orders/db-0']]]],
        ['payments', ['team-payments'], [['payments/postgresql', ['payments/db-0']]]],
      ]);
    });

    it('named namespace/name (app) when one namespace holds both; pods of one install stay one service', () => {
      const model = labelModel(
        withPods(
          pod('data', 'orders-db-0', '10.1.0.1', postgres('orders', 'team-orders')),
          pod('data', 'orders-db-1', '10.1.0.3', postgres('orders', 'team-orders')),
          pod('data', 'payments-db-0', '10.1.0.2', postgres('payments', 'team-payments')),
        ),
      );
      expect(summary(model)).toEqual([
        ['orders', ['team-orders'], [['data/postgresql (orders)', ['data/orders-db-0', 'data/orders-db-1']]]],
        ['payments', ['team-payments'], [['data/postgresql (payments)', ['data/payments-db-0']]]],
      ]);
    });
  });
});
