import { describe, expect, it } from 'vitest';
import { ClassEdgeList } from '../../../../main/core/analysis/flowGraph/classEdgeList';
import type { ClassEdge } from '../../../../main/core/analysis/flowGraph/types';
import { PortSet } from '../../../../main/core/analysis/portSet';

describe('ClassEdgeList', () => {
  it('gives back every edge in order, across chunk boundaries, with the same port set objects', () => {
    const web = PortSet.range(443, 443);
    const high = PortSet.range(1024, 65535);
    const protocols = ['tcp', 'udp', '50', 'icmp'];
    const pushed: ClassEdge[] = Array.from({ length: 150_000 }, (_, k) => ({
      from: k,
      to: 149_999 - k,
      protocol: protocols[k % protocols.length] as string,
      allowed: k % 3 === 0 ? web : PortSet.empty,
      unknown: k % 5 === 0 ? high : PortSet.empty,
    }));
    const list = new ClassEdgeList();
    for (const { from, to, protocol, allowed, unknown } of pushed)
      list.push(from, to, protocol, allowed, unknown);
    expect(list.count).toBe(150_000);
    const read = [...list];
    expect(read).toHaveLength(150_000);
    for (const k of [0, 1, 65_535, 65_536, 131_072, 149_999]) {
      expect(read[k]).toEqual(pushed[k]);
      expect(read[k]?.allowed).toBe(pushed[k]?.allowed);
      expect(read[k]?.unknown).toBe(pushed[k]?.unknown);
    }
    expect(read.every((edge, k) => edge.from === k && edge.to === 149_999 - k)).toBe(true);
    // forEach hands over the same edges, in the same order, as arguments.
    const visited: ClassEdge[] = [];
    list.forEach((from, to, protocol, allowed, unknown) => {
      visited.push({ from, to, protocol, allowed, unknown });
    });
    expect(visited).toHaveLength(150_000);
    expect(
      visited.every((edge, k) => edge.allowed === read[k]?.allowed && edge.protocol === read[k]?.protocol),
    ).toBe(true);
    expect(visited).toEqual(read);
  });

  it('hands over the edges leaving one class, in the order pushed, however the sources were interleaved', () => {
    const list = new ClassEdgeList();
    const sources = [3, 0, 3, 7, 0, 3];
    sources.forEach((from, k) => {
      list.push(from, k, 'tcp', PortSet.of(k), PortSet.empty);
    });
    const leaving = (source: number) => {
      const seen: [number, string][] = [];
      list.forEachFrom(source, (from, to, _protocol, allowed) => {
        expect(from).toBe(source);
        seen.push([to, allowed.toString()]);
      });
      return seen;
    };
    expect(leaving(3).map(([to]) => to)).toEqual([0, 2, 5]);
    expect(leaving(0).map(([to]) => to)).toEqual([1, 4]);
    expect(leaving(7)).toEqual([[3, PortSet.of(3).toString()]]);
    expect(leaving(1)).toEqual([]);
    expect(leaving(42)).toEqual([]);
    // An edge pushed later is found too.
    list.push(1, 9, 'udp', PortSet.empty, PortSet.all);
    expect(leaving(1).map(([to]) => to)).toEqual([9]);
  });

  it('is empty until something is pushed', () => {
    const list = new ClassEdgeList();
    expect(list.count).toBe(0);
    expect([...list]).toEqual([]);
    let visits = 0;
    list.forEach(() => {
      visits++;
    });
    expect(visits).toBe(0);
  });
});
