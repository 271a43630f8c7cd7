import { BadInputError } from '../domain/errors';
import { JsonCursor } from '../input/jsonCursor';
import { parseJsonFile } from '../input/jsonText';

/** One entry of `resource_changes` in `terraform show -json PLANFILE`. */
export interface ResourceChange {
  readonly address: string;
  readonly type: string;
  readonly actions: readonly string[];
  /** null for a create. */
  readonly before: JsonCursor | null;
  /** null for a delete. */
  readonly after: JsonCursor | null;
  /** Mirrors `after`: `true` where a value is known only after apply. */
  readonly afterUnknown: unknown;
  /**
   * The arguments and blocks the resource's configuration sets (`configuration`'s `expressions`);
   * null when the plan has no configuration section.
   */
  readonly configured: ReadonlySet<string> | null;
}

export interface TerraformPlan {
  readonly formatVersion: string;
  readonly resourceChanges: readonly ResourceChange[];
}

/**
 * Actions that change nothing in AWS: a no-op, a data source read, and a forget (a `removed` block
 * with `destroy = false` takes the object out of Terraform's state and leaves it be).
 */
const idle = new Set(['no-op', 'read', 'forget']);

/**
 * The parts of a plan's JSON representation Faultline reads. Format versions 0.x and 1.x share the
 * `resource_changes` shape; a file without `format_version` is not a plan.
 */
export function readPlanFile(name: string, data: Uint8Array): TerraformPlan {
  const root = JsonCursor.root(name, parseJsonFile(name, data));
  root.object();
  const formatVersion = root.at('format_version').optional((c) => c.string());
  if (formatVersion === null)
    throw new BadInputError(
      `${name} is not the output of \`terraform show -json PLANFILE\`: it has no format_version`,
      name,
      '$.format_version',
    );
  if (!/^[01]\./.test(formatVersion)) root.at('format_version').fail('a plan format version 0.x or 1.x');
  // `resource_changes` is left out of a plan that changes nothing, so its absence alone says
  // nothing; `planned_values` is in every plan and in no state, which has `values` instead.
  if (root.at('planned_values').isMissing && root.at('resource_changes').isMissing)
    throw new BadInputError(
      root.at('values').isMissing
        ? `${name} is not the output of \`terraform show -json PLANFILE\`: it has neither planned_values nor resource_changes`
        : `${name} is a Terraform state, not a plan (\`terraform show -json\` without a plan file prints the state): run \`terraform plan -out plan.tfplan\`, then \`terraform show -json plan.tfplan\``,
      name,
      root.at('values').isMissing ? '$' : '$.values',
    );
  const configuration = configuredArguments(root.at('configuration'));
  return {
    formatVersion,
    resourceChanges: root.list('resource_changes').flatMap((item): ResourceChange[] => {
      const change = item.at('change');
      const actions = change
        .at('actions')
        .items()
        .map((action) => action.string());
      if (item.optStr('mode') === 'data' || actions.every((action) => idle.has(action))) return [];
      return [
        {
          address: item.str('address'),
          type: item.str('type'),
          actions,
          // A forgotten object leaves Terraform's state and stays in AWS as it is: no before to remove.
          before: actions.includes('forget') ? null : change.at('before').optional(anObject),
          after:
            actions.includes('delete') && !actions.includes('create')
              ? null
              : change.at('after').optional(anObject),
          afterUnknown: change.at('after_unknown').value ?? {},
          configured:
            configuration &&
            (configuration.get(item.str('address').replace(instanceKeys, '')) ?? new Set<string>()),
        },
      ];
    }),
  };
}

/** `[0]`, `["a"]`: the instance keys of an address, which the configuration's addresses have not. */
const instanceKeys = /\[(?:"(?:[^"\\]|\\.)*"|[^\]]*)\]/g;

/**
 * Each resource of the configuration (`module.net.aws_security_group.web`, with no instance keys)
 * with the names of its `expressions`: the arguments and blocks written for it. Terraform leaves
 * `dynamic` blocks out of them (jsonconfig/expression.go: "will effectively ignore "dynamic"
 * blocks"). null when the plan has no configuration section.
 */
function configuredArguments(configuration: JsonCursor): Map<string, Set<string>> | null {
  if (configuration.isMissing) return null;
  const found = new Map<string, Set<string>>();
  const visit = (module: JsonCursor, prefix: string) => {
    if (module.isMissing) return;
    for (const resource of module.list('resources')) {
      const expressions = resource.at('expressions');
      found.set(
        `${prefix}${resource.str('address')}`,
        new Set(expressions.isMissing ? [] : Object.keys(expressions.object())),
      );
    }
    const calls = module.at('module_calls');
    for (const name of calls.isMissing ? [] : Object.keys(calls.object()))
      visit(calls.at(name).at('module'), `${prefix}module.${name}.`);
  };
  visit(configuration.at('root_module'), '');
  return found;
}

/**
 * The inline blocks among `names` that the resource itself manages. The provider fills a block the
 * configuration leaves out with whatever AWS holds (rules of aws_security_group_rule resources,
 * entries, routes), and leaves those alone: such a list is a read-back, not a declaration, so it
 * neither removes nor keeps anything. A block counts when the configuration writes it, when the plan
 * changes it (a `dynamic` block, which the configuration section leaves out; or a plan without a
 * configuration section, where nothing else tells), and always for an object created or destroyed
 * (it is made with, or goes with, all it holds).
 */
export function managedBlocks(change: ResourceChange, names: readonly string[]): Set<string> {
  const { before, after, configured } = change;
  if (before === null || after === null) return new Set(names);
  return new Set(
    names.filter(
      (name) =>
        configured?.has(name) ||
        JSON.stringify(before.at(name).value ?? null) !== JSON.stringify(after.at(name).value ?? null),
    ),
  );
}

/** The cursor, checked to hold an object. */
function anObject(cursor: JsonCursor): JsonCursor {
  cursor.object();
  return cursor;
}

/** Whether anything at or under `path` in `after_unknown` is unknown. */
export function isUnknown(afterUnknown: unknown, path: readonly (string | number)[]): boolean {
  let node: unknown = afterUnknown;
  for (const key of path) {
    if (node === true) return true;
    if (typeof node !== 'object' || node === null) return false;
    node = (node as Record<string | number, unknown>)[key];
  }
  return containsTrue(node);
}

function containsTrue(node: unknown): boolean {
  if (node === true) return true;
  if (typeof node !== 'object' || node === null) return false;
  return Object.values(node).some(containsTrue);
}
