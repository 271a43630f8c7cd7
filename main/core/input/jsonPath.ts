const identifier = /^[A-Za-z_$][\w$]*$/;

/** `$.SecurityGroups[2].GroupId`; keys that are not identifiers are quoted: `$.Tags["a b"]`. */
export function childPath(path: string, key: string | number): string {
  return path + keyStep(key);
}

/** What one key adds to a path: `[2]`, `.GroupId`, `["a b"]`. */
export function keyStep(key: string | number): string {
  if (typeof key === 'number') return `[${key}]`;
  return identifier.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/** The keys of a path childPath built: `$.spec.ingress[0]["a b"]` is `['spec', 'ingress', 0, 'a b']`. */
export function pathKeys(path: string): (string | number)[] {
  const keys: (string | number)[] = [];
  for (const [, name, index, quoted] of path.matchAll(
    /\.([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g,
  )) {
    keys.push(name ?? (index === undefined ? (JSON.parse(quoted as string) as string) : Number(index)));
  }
  return keys;
}
