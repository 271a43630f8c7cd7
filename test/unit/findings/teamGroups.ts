import type { ApplicationModel } from '../../../main/core/applications/model';
import { defaultTagKeys } from '../../../main/core/applications/tagKeys';
import type { Estate } from '../../../main/core/domain/estate';
import { FindingContext } from '../../../main/core/findings/context';
import { smallEstate } from '../helpers/estateBuilder';

/**
 * The small estate with these groups (id → `team` tag, null for untagged) and no rules, and per app
 * its workloads (id → group ids), each app one service `APP-api` owned by a team named as the app.
 */
export function teamGroupsContext(
  groups: Record<string, string | null>,
  apps: Record<string, Record<string, string[]>>,
): FindingContext {
  const base = smallEstate();
  const [group, workload] = [base.securityGroups[0], base.workloads[0]];
  if (!group || !workload) throw new Error('smallEstate changed');
  const workloads = Object.values(apps).flatMap((enis) => Object.entries(enis));
  const estate: Estate = {
    ...base,
    securityGroups: Object.entries(groups).map(([id, team]) => ({
      ...group,
      id,
      name: id.slice(3),
      tags: team ? { team } : ({} as Record<string, string>),
    })),
    securityGroupRules: [],
    workloads: workloads.map(([id, groupIds]) => ({ ...workload, id, groupIds })),
  };
  const applications: ApplicationModel = {
    apps: Object.entries(apps).map(([name, enis]) => ({
      name,
      owners: [name],
      services: [
        { name: `${name}-api`, app: name, owners: [name], workloadIds: Object.keys(enis), origins: ['tags'] },
      ],
    })),
    unassigned: [],
    dependencies: [],
    unattributedFlows: 0,
    contestedFlows: 0,
    unresolvedApis: [],
    outsideFlows: [],
  };
  return new FindingContext(estate, applications, defaultTagKeys);
}
