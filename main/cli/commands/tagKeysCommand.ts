import type { TagKeys } from '../../core/applications/tagKeys';
import { createService } from '../../service/createService';
import { argumentSchemas } from '../../service/validation';
import { ExitCode, UsageError } from '../exitCodes';
import type { CliIo } from '../io';
import { dbOption, parseCommand, stringOption } from '../options';

const roles = ['app', 'service', 'owner'] as const;

/** Shows the workspace's tag keys, or sets those given (`--app app,application`). */
export async function tagKeysCommand(args: string[], io: CliIo): Promise<number> {
  const options = {
    ...dbOption,
    ...Object.fromEntries(roles.map((role) => [role, { type: 'string' as const }])),
  };
  const parsed = parseCommand('tag-keys', args, options);
  const { service, close } = await createService({ dbFile: parsed.db });
  try {
    const current = await service.tagKeys({});
    const given = roles.filter((role) => stringOption(parsed, role) !== undefined);
    const next = Object.fromEntries(
      roles.map((role) => [
        role,
        given.includes(role) ? splitKeys(stringOption(parsed, role) ?? '') : current[role],
      ]),
    ) as unknown as TagKeys;
    // The same rules as a call from the window: the service itself trusts its callers' arguments.
    const checked = argumentSchemas.tagKeys.safeParse({ set: next });
    if (!checked.success) {
      const [issue] = checked.error.issues;
      throw new UsageError(`tag-keys: --${String(issue?.path[1])}: ${issue?.message}`);
    }
    const keys = given.length > 0 ? await service.tagKeys({ set: next }) : current;
    io.stdout(
      parsed.json
        ? `${JSON.stringify(keys)}\n`
        : `${roles.map((role) => `${role}: ${keys[role].join(', ')}`).join('\n')}\n`,
    );
    return ExitCode.ok;
  } finally {
    close();
  }
}

function splitKeys(text: string): string[] {
  return text
    .split(',')
    .map((key) => key.trim())
    .filter(Boolean);
}
