/** What every rendered export shares: one account, one region, AWS CLI v2 conventions. */
export type Json = Record<string, unknown>;

export const ACCOUNT = '123456789012';
export const REGION = 'eu-west-1';
export const LAUNCH_TIME = '2025-03-04T09:08:47+00:00';

export const tagList = (tags: Record<string, string>) =>
  Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));

export const arn = (kind: string, id: string) => `arn:aws:ec2:${REGION}:${ACCOUNT}:${kind}/${id}`;

export const privateDns = (ip: string) => `ip-${ip.replaceAll('.', '-')}.${REGION}.compute.internal`;

export const azId = (az: string) => `euw1-az${'abc'.indexOf(az) + 1}`;
