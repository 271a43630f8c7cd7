import type { PortSet } from '../portSet';
import type { ClassEdge, EdgeSink } from './types';

/** Edges per chunk: chunks grow the list without copying what it already holds. */
const chunkBits = 16;
const chunkSize = 1 << chunkBits;

interface Chunk {
  readonly from: Int32Array;
  readonly to: Int32Array;
  readonly protocol: Uint16Array;
  readonly allowed: Int32Array;
  readonly unknown: Int32Array;
}

/**
 * Class edges packed in typed arrays, 18 bytes each. A 50,000-ENI estate has millions of them: as
 * objects they took half a gigabyte and most of the garbage collector's time. Protocols and port sets
 * are few (the sweep shares each port set among the edges that have it) and are kept once each.
 */
export class ClassEdgeList implements Iterable<ClassEdge> {
  private readonly chunks: Chunk[] = [];
  private readonly protocols = new Interned<string>();
  private readonly portSets = new Interned<PortSet>();
  private size = 0;
  /** The edges' places ordered by source class, and where each class's run starts; made when first asked. */
  private bySource: { readonly start: Int32Array; readonly order: Int32Array } | null = null;

  get count(): number {
    return this.size;
  }

  /** Shaped as an `EdgeSink`. */
  readonly push = (from: number, to: number, protocol: string, allowed: PortSet, unknown: PortSet): void => {
    const at = this.size & (chunkSize - 1);
    if (at === 0) this.chunks.push(newChunk());
    const chunk = this.chunks[this.chunks.length - 1] as Chunk;
    chunk.from[at] = from;
    chunk.to[at] = to;
    chunk.protocol[at] = this.protocols.idOf(protocol);
    chunk.allowed[at] = this.portSets.idOf(allowed);
    chunk.unknown[at] = this.portSets.idOf(unknown);
    this.size++;
    this.bySource = null;
  };

  /** Every edge, handed over as arguments: a pass over millions allocates nothing. */
  forEach(visit: EdgeSink): void {
    for (let index = 0; index < this.size; index++) this.visitAt(index, visit);
  }

  forEachFrom(source: number, visit: EdgeSink): void {
    this.bySource ??= this.indexBySource();
    const { start, order } = this.bySource;
    if (source + 1 >= start.length) return;
    for (let k = start[source] as number; k < (start[source + 1] as number); k++)
      this.visitAt(order[k] as number, visit);
  }

  /** A counting sort of the edges' places by source: two typed arrays, whatever order they came in. */
  private indexBySource(): { start: Int32Array; order: Int32Array } {
    let classes = 0;
    this.forEachAt((_, chunk, at) => {
      classes = Math.max(classes, (chunk.from[at] as number) + 1);
    });
    const start = new Int32Array(classes + 1);
    this.forEachAt((_, chunk, at) => {
      const slot = (chunk.from[at] as number) + 1;
      start[slot] = (start[slot] as number) + 1;
    });
    for (let c = 0; c < classes; c++) start[c + 1] = (start[c + 1] as number) + (start[c] as number);
    const next = start.slice(0, classes);
    const order = new Int32Array(this.size);
    this.forEachAt((index, chunk, at) => {
      const from = chunk.from[at] as number;
      order[next[from] as number] = index;
      next[from] = (next[from] as number) + 1;
    });
    return { start, order };
  }

  private forEachAt(visit: (index: number, chunk: Chunk, at: number) => void): void {
    for (let index = 0; index < this.size; index++)
      visit(index, this.chunks[index >>> chunkBits] as Chunk, index & (chunkSize - 1));
  }

  private visitAt(index: number, visit: EdgeSink): void {
    const chunk = this.chunks[index >>> chunkBits] as Chunk;
    const at = index & (chunkSize - 1);
    visit(
      chunk.from[at] as number,
      chunk.to[at] as number,
      this.protocols.value(chunk.protocol[at] as number),
      this.portSets.value(chunk.allowed[at] as number),
      this.portSets.value(chunk.unknown[at] as number),
    );
  }

  *[Symbol.iterator](): Iterator<ClassEdge> {
    for (let index = 0; index < this.size; index++) {
      const chunk = this.chunks[index >>> chunkBits] as Chunk;
      const at = index & (chunkSize - 1);
      yield {
        from: chunk.from[at] as number,
        to: chunk.to[at] as number,
        protocol: this.protocols.value(chunk.protocol[at] as number),
        allowed: this.portSets.value(chunk.allowed[at] as number),
        unknown: this.portSets.value(chunk.unknown[at] as number),
      };
    }
  }
}

function newChunk(): Chunk {
  return {
    from: new Int32Array(chunkSize),
    to: new Int32Array(chunkSize),
    protocol: new Uint16Array(chunkSize),
    allowed: new Int32Array(chunkSize),
    unknown: new Int32Array(chunkSize),
  };
}

/** Values by small integer id, the same value (by identity) always under the same id. */
class Interned<T> {
  private readonly values: T[] = [];
  private readonly ids = new Map<T, number>();

  idOf(value: T): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.ids.set(value, id);
    }
    return id;
  }

  value(id: number): T {
    return this.values[id] as T;
  }
}
