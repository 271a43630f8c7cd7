/** VPC flow logs in, observed conversations out. See docs/flow-logs.md. */
export { AddressSet } from './addressSet';
export { looksLikeFlowLog } from './flowLogFile';
export type { MalformedLine, MalformedThreshold } from './malformed';
export { defaultMalformedThreshold } from './malformed';
export { type FlowLogRead, flowLogKind, type ReadFlowLogsOptions, readFlowLogs } from './readFlowLogs';
export { isGzip } from './sources';
