import { link, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

type Json = Record<string, unknown>;

/**
 * The same network exported again a week later, into `laterDir`: every subnet renamed (its Name
 * tag), and the first ingress permission of one service's group with several removed. The other files are the
 * same bytes (hard links: no second copy of the 300 MB). What a compare of the two must narrow to.
 */
export async function writeLaterExport(dir: string, laterDir: string): Promise<{ groupId: string }> {
  const changed = ['describe-subnets.json', 'describe-security-groups.json'];
  for (const name of await readdir(dir))
    if (!changed.includes(name)) await link(join(dir, name), join(laterDir, name));
  const subnets = JSON.parse(await readFile(join(dir, 'describe-subnets.json'), 'utf8')) as {
    Subnets: { Tags?: { Key: string; Value: string }[] }[];
  };
  for (const subnet of subnets.Subnets)
    subnet.Tags = (subnet.Tags ?? []).map((tag) =>
      tag.Key === 'Name' ? { ...tag, Value: `${tag.Value}-v2` } : tag,
    );
  await writeFile(join(laterDir, 'describe-subnets.json'), `${JSON.stringify(subnets, null, 4)}\n`);
  const groups = JSON.parse(await readFile(join(dir, 'describe-security-groups.json'), 'utf8')) as {
    SecurityGroups: (Json & { GroupId: string; GroupName: string; IpPermissions: Json[] })[];
  };
  // A VPC's default group has no members here; the services' groups do.
  const group = groups.SecurityGroups.find(
    (one) => one.GroupName !== 'default' && one.IpPermissions.length > 1,
  );
  if (group === undefined) throw new Error('the bench estate has no group with several ingress permissions');
  group.IpPermissions = group.IpPermissions.slice(1);
  await writeFile(join(laterDir, 'describe-security-groups.json'), `${JSON.stringify(groups, null, 4)}\n`);
  return { groupId: group.GroupId };
}
