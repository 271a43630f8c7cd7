/**
 * A pod's labels as the what-if editor shows them, one `key=value` a line, and the `set-pod-labels`
 * edit read back from the edited text: changed and new labels set, deleted lines removed (null).
 */
import type { TextRead } from './textRead';

type Labels = Readonly<Record<string, string>>;

export function labelsText(labels: Labels): string {
  return Object.entries(labels)
    .map(([key, value]) => `${key}=${value}`)
    .join('\n');
}

export function labelChanges(
  current: Labels,
  text: string,
): TextRead<Readonly<Record<string, string | null>>> {
  const edited = new Map<string, string>();
  for (const [index, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (line === '') continue;
    const at = line.indexOf('=');
    const key = line.slice(0, at).trim();
    if (at < 0 || key === '') return { ok: false, message: `Line ${index + 1}: write key=value` };
    if (edited.has(key)) return { ok: false, message: `Line ${index + 1}: ${key} is given twice` };
    edited.set(key, line.slice(at + 1).trim());
  }
  const changes: [string, string | null][] = [
    ...[...edited].filter(([key, value]) => current[key] !== value),
    ...Object.keys(current)
      .filter((key) => !edited.has(key))
      .map((key): [string, null] => [key, null]),
  ];
  if (changes.length === 0) return { ok: false, message: 'The labels are unchanged.' };
  return { ok: true, value: Object.fromEntries(changes) };
}
