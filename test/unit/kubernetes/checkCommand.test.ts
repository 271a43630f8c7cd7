import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/runCli';
import { tempDbFile } from '../helpers/tempWorkspace';

const fixtures = new URL('../../fixtures/kubernetes/', import.meta.url).pathname;

interface Row {
  readonly allowed?: boolean | 'unknown';
  readonly error?: string;
  readonly destination?: { workloadId: string };
  readonly explanation?: { reason: string }[];
}

/** `faultline check --json` of the flows (`source,destination,protocol,port` lines), one row each. */
async function checkFlows(db: string, lines: readonly string[]): Promise<{ code: number; rows: Row[] }> {
  const flows = join(dirname(db), 'flows.csv');
  writeFileSync(flows, ['source,destination,protocol,port', ...lines, ''].join('\n'));
  const { code, out } = await runCli('check', '--db', db, '--json', flows);
  const rows = out
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Row);
  return { code, rows };
}

describe('faultline check on a cluster', () => {
  it('accepts namespace/pod, namespace/controller, namespace/service and pod IPs as endpoints', async () => {
    const db = tempDbFile();
    const imported = await runCli(
      'import',
      '--db',
      db,
      join(fixtures, 'cluster.json'),
      join(fixtures, 'recipes/allow-dns-egress/policies.yaml'),
    );
    expect(imported.code).toBe(0);
    expect(imported.out).toMatch(/Pods +7\n +Services +3\n +Controllers +5\n +NetworkPolicies +2\n/);
    const { code, rows } = await checkFlows(db, [
      'shop/api-5f6d7c8b9-k8s7q,kube-system/coredns-5d78c9869d-7kx2p,udp,53',
      'shop/web,10.244.0.5,tcp,53',
      '10.244.1.11,kube-system/kube-dns,udp,53',
      'shop/api,shop/db,tcp,5432',
      'shop/nothing,shop/db,tcp,5432',
    ]);
    expect(code).toBe(1);
    expect(rows.map((r) => r.allowed ?? r.error)).toEqual([
      true,
      true,
      true,
      false,
      'no pod, Deployment, StatefulSet, DaemonSet, ReplicaSet or Service "shop/nothing" in this snapshot',
    ]);
    expect(rows[2]?.destination?.workloadId).toBe('kube-system/coredns-5d78c9869d-7kx2p');
  });

  it('checks SCTP (sctp or 132) by port on pods and through a Service, and asks for the port', async () => {
    const db = tempDbFile();
    expect((await runCli('import', '--db', db, join(fixtures, 'sctp/cluster.json'))).code).toBe(0);
    const { code, rows } = await checkFlows(db, [
      'telco/client,telco/diameter-0,sctp,3868',
      'telco/client,telco/diameter-0,132,3869',
      'telco/client,telco/diameter,132,3868',
      'telco/client,telco/amf-0,sctp,38412',
      'telco/client,telco/diameter-0,sctp,',
    ]);
    expect(code).toBe(1);
    expect(rows.map((r) => r.allowed ?? r.error)).toEqual([
      true,
      false,
      true,
      true,
      'an sctp flow to or from a pod needs a destination port: NetworkPolicies and Services filter SCTP by port',
    ]);
    expect(rows[1]?.explanation?.map((layer) => layer.reason).join(' ')).toContain(
      'none of their rules allows sctp/3869 from pod telco/client',
    );
  });
});
