import type { PublicAddress, Workload } from './estate';

/** Every public IPv4 of an ENI with its private address, the primary's first. */
export function publicAddresses(workload: Workload): PublicAddress[] {
  const primary = workload.privateIps[0];
  const own =
    workload.publicIp === null || primary === undefined
      ? []
      : [{ privateIp: primary, publicIp: workload.publicIp }];
  return [...own, ...(workload.secondaryPublicIps ?? [])];
}

/** The public IPv4 the internet gateway translates this private address of the ENI to, if any. */
export function publicIpOf(workload: Workload, privateIp: string): string | null {
  return publicAddresses(workload).find((pair) => pair.privateIp === privateIp)?.publicIp ?? null;
}
