/** Names shared by the catalog, the flow logs, their README section and the self-check. */
export const SELECTOR_ANNOTATION = 'faultline.dev/workload-selector';
export const DEPENDENCIES_ANNOTATION = 'faultline.dev/dependencies';
export const ADDRESS_ANNOTATION = 'faultline.dev/address';

export const FLOW_LOG_ID = 'fl-0a1b2c3d4e5f60718';
export const FLOW_LOG_DAY = '2026-11-23';
export const FLOW_LOG_HEADER =
  'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status';
/** Public clients of the storefront, from the documentation ranges. */
export const INTERNET_CLIENT_RANGES = ['198.51.100.0/24', '203.0.113.0/24'];
