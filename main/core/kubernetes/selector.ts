import type { LabelRequirement, LabelSelector, Labels, SelectorOperator } from '../domain/kubernetes';
import type { JsonCursor } from '../input/jsonCursor';
import { readStringMap } from './metadata';

const operators: readonly SelectorOperator[] = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/** The empty selector: every object. */
export const everything: LabelSelector = { matchLabels: {}, matchExpressions: [] };

/**
 * A metav1.LabelSelector. The API server refuses In/NotIn without values and Exists/DoesNotExist
 * with values, so such a selector is refused here too rather than given a meaning it never has.
 */
export function readSelector(cursor: JsonCursor): LabelSelector {
  cursor.object();
  return {
    matchLabels: readStringMap(cursor.at('matchLabels')),
    matchExpressions: cursor.list('matchExpressions').map(readRequirement),
  };
}

function readRequirement(cursor: JsonCursor): LabelRequirement {
  const key = cursor.str('key');
  const operatorField = cursor.at('operator');
  const operator = operatorField.string() as SelectorOperator;
  if (!operators.includes(operator)) operatorField.fail(operators.join(', '));
  const valuesField = cursor.at('values');
  const values = valuesField.optional((c) => c.items().map((item) => item.string())) ?? [];
  const needsValues = operator === 'In' || operator === 'NotIn';
  if (needsValues && values.length === 0) valuesField.fail(`a non-empty list of values for ${operator}`);
  if (!needsValues && values.length > 0) valuesField.fail(`no values for ${operator}`);
  return { key, operator, values };
}

type Requirement = (has: boolean, value: string | undefined, values: readonly string[]) => boolean;

const requirementHolds: Readonly<Record<SelectorOperator, Requirement>> = {
  In: (has, value, values) => has && values.includes(value as string),
  // A missing key is in no set of values.
  NotIn: (has, value, values) => !has || !values.includes(value as string),
  Exists: (has) => has,
  DoesNotExist: (has) => !has,
};

/** matchLabels and every matchExpression must hold; the empty selector matches everything. */
export function selectorMatches(selector: LabelSelector, labels: Labels): boolean {
  const has = (key: string) => Object.hasOwn(labels, key);
  return (
    Object.entries(selector.matchLabels).every(([key, value]) => has(key) && labels[key] === value) &&
    selector.matchExpressions.every(({ key, operator, values }) =>
      requirementHolds[operator](has(key), labels[key], values),
    )
  );
}

/** Every label key the selector looks at. */
export function selectorKeys(selector: LabelSelector): string[] {
  return [...Object.keys(selector.matchLabels), ...selector.matchExpressions.map((e) => e.key)];
}
