const identifier = /^[A-Za-z_$][\w$]*$/;

/** `$.SecurityGroups[2].GroupId`; keys that are not identifiers are quoted: `$.Tags["a b"]`. */
export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return identifier.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
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
