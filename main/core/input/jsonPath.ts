const identifier = /^[A-Za-z_$][\w$]*$/;

/** `$.SecurityGroups[2].GroupId`; keys that are not identifiers are quoted: `$.Tags["a b"]`. */
export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return identifier.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}
