import type { SourceRef } from '../domain/estate';
import type { JsonCursor } from '../input/jsonCursor';

export type ReferenceTarget = 'vpc' | 'subnet' | 'securityGroup' | 'networkInterface';

/** An id one object names in another kind, kept with its place so a dangling one can be reported there. */
export interface Reference {
  readonly owner: string;
  readonly target: ReferenceTarget;
  readonly id: string;
  readonly at: SourceRef;
}

interface Named extends Reference {
  /** Where it stands among the ids named, in the order the export names them. */
  readonly order: number;
  /** How many references name it. */
  count: number;
}

/**
 * The ids an export names in other kinds, checked once every file is read, since a reference may
 * come before its target (describe-network-interfaces sorts before describe-vpcs).
 *
 * Kept per id named, not per reference: the bench estate makes about 250,000 references to a few
 * thousand ids, and the place of each (a JSON path) was made and held until the check for nothing,
 * about a tenth of the import (docs/performance.md). A missing id is reported where it is first
 * named, with how many references in all name missing ids, as when every reference was kept.
 */
export class References {
  private readonly named: Record<ReferenceTarget, Map<string, Named>> = {
    vpc: new Map(),
    subnet: new Map(),
    securityGroup: new Map(),
    networkInterface: new Map(),
  };
  private nextOrder = 0;

  /**
   * Reads an id that must name an object of `target` somewhere in the export. Returns the id as it
   * was first read: JSON.parse makes a string of every occurrence, and 50,000 ENIs name ten VPCs.
   */
  add(owner: string, target: ReferenceTarget, field: JsonCursor): string {
    const id = field.string();
    const known = this.named[target].get(id);
    if (known === undefined) {
      this.named[target].set(id, { owner, target, id, at: field.source, order: this.nextOrder++, count: 1 });
      return id;
    }
    known.count++;
    return known.id;
  }

  /**
   * The first reference, in export order, to an id `exists` does not know, and how many references
   * name such ids; null when every id is known.
   */
  dangling(
    exists: (target: ReferenceTarget, id: string) => boolean,
  ): { first: Reference; count: number } | null {
    let first: Named | null = null;
    let count = 0;
    for (const named of Object.values(this.named)) {
      for (const reference of named.values()) {
        if (exists(reference.target, reference.id)) continue;
        count += reference.count;
        if (first === null || reference.order < first.order) first = reference;
      }
    }
    return first === null ? null : { first, count };
  }
}
