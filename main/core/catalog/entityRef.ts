/**
 * A Backstage entity reference, `[kind:][namespace/]name` (`component:default/order-api`), read as
 * the bare name. Faultline has one flat name space per kind, so namespaces are dropped; two entities
 * that then share a name (in any case: Backstage compares names case-insensitively) are refused as
 * duplicates rather than silently merged.
 */
export interface EntityRef {
  /** Lower-cased, as Backstage compares kinds; null when the ref leaves the kind to its context. */
  readonly kind: string | null;
  readonly name: string;
}

export function parseEntityRef(ref: string): EntityRef {
  const colon = ref.indexOf(':');
  const kind = colon === -1 ? null : ref.slice(0, colon).trim().toLowerCase();
  const rest = ref.slice(colon + 1).trim();
  return { kind, name: rest.slice(rest.indexOf('/') + 1).trim() };
}
