/**
 * Names of services, applications and owners are compared without regard to case, as Backstage
 * compares entity names and references ("All strings are case insensitive",
 * https://backstage.io/docs/features/software-catalog/references), and shown as first written.
 */
export function nameKey(name: string): string {
  return name.toLowerCase();
}

/** One spelling per name: the first one given wins, later case variants are shown as it. */
export class Spellings {
  private readonly first = new Map<string, string>();

  /** The spelling `name` was first given in; `name` itself when it is the first. */
  of(name: string): string {
    const key = nameKey(name);
    const known = this.first.get(key);
    if (known !== undefined) return known;
    this.first.set(key, name);
    return name;
  }
}
