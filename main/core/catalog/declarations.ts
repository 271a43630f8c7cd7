import { BadInputError } from '../domain/errors';
import type { SourceRef } from '../domain/estate';

/**
 * Names declared once per file set. A second declaration is refused naming both places: keeping
 * either would silently drop what the other says.
 */
export class Declarations {
  private readonly seen = new Map<string, SourceRef>();

  constructor(private readonly what: string) {}

  claim(name: string, source: SourceRef): void {
    const first = this.seen.get(name);
    if (first !== undefined) {
      throw new BadInputError(
        `${this.what} ${name} is declared twice: ${at(first)} and ${at(source)}`,
        source.file,
        source.path,
      );
    }
    this.seen.set(name, source);
  }
}

function at(source: SourceRef): string {
  return `${source.file} ${source.path}`;
}
