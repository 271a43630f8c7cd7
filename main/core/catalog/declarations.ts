import { BadInputError } from '../domain/errors';
import type { SourceRef } from '../domain/estate';
import { nameKey } from '../domain/spellings';

/**
 * Names declared once per file set. A second declaration is refused naming both places: keeping
 * either would silently drop what the other says. Names differing only in case are one name, as
 * Backstage has it: "This uniqueness constraint is case insensitive" (descriptor format, metadata.name).
 */
export class Declarations {
  private readonly seen = new Map<string, SourceRef>();

  constructor(private readonly what: string) {}

  claim(name: string, source: SourceRef): void {
    const first = this.seen.get(nameKey(name));
    if (first !== undefined) {
      throw new BadInputError(
        `${this.what} ${name} is declared twice: ${at(first)} and ${at(source)}`,
        source.file,
        source.path,
      );
    }
    this.seen.set(nameKey(name), source);
  }
}

function at(source: SourceRef): string {
  return `${source.file} ${source.path}`;
}
