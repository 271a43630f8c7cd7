/** Distinct at a glance in light and dark themes; owners beyond it share colours round-robin. */
const palette = [
  '#4e79a7',
  '#f28e2b',
  '#59a14f',
  '#b07aa1',
  '#e15759',
  '#76b7b2',
  '#edc948',
  '#9c755f',
  '#ff9da7',
  '#86bcb6',
];

/** Owner → colour, by the owners' sorted order, so one snapshot always colours a team the same. */
export function ownerColors(owners: Iterable<string>): Map<string, string> {
  const sorted = [...new Set(owners)].sort();
  return new Map(sorted.map((owner, i) => [owner, palette[i % palette.length] as string]));
}
