import type { ChangeEdit } from '../../../main/core/impact/change';

/** The sample's route tables, peering and transit gateway (resources/sample/README.md, "Layout"). */
export const sampleRouting = {
  prodPublic: 'rtb-07bfee688892ff416',
  prodPrivate: 'rtb-07554c7f5c9720cfe',
  prodMain: 'rtb-01f08298781e192be',
  sharedMain: 'rtb-05fedd65e6e2acf6a',
  peering: 'pcx-01f7c07e7d9cb4e7a',
  hub: 'tgw-06a1129c805ca6a6f',
  hubTable: 'tgw-rtb-04e6e220554cbc6a9',
  prodAttachment: 'tgw-attach-04cc88fa7a14ae1fc',
  sharedAttachment: 'tgw-attach-0ad877115ef06cbb0',
  prodCore: 'vpc-0b0e589882d7b2940',
  sharedServices: 'vpc-099d19c8d624dc3a1',
} as const;

/** Finishing the sample's migration: every route to the other VPC sent to the transit gateway. */
export const throughHub: readonly ChangeEdit[] = [
  {
    op: 'replace-route',
    routeTableId: sampleRouting.prodPublic,
    destination: '10.30.0.0/16',
    target: sampleRouting.hub,
  },
  {
    op: 'replace-route',
    routeTableId: sampleRouting.prodPrivate,
    destination: '10.30.0.0/16',
    target: sampleRouting.hub,
  },
  {
    op: 'replace-route',
    routeTableId: sampleRouting.sharedMain,
    destination: '10.20.0.0/16',
    target: sampleRouting.hub,
  },
];
