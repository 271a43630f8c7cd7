/**
 * Dotfiles (.DS_Store, .git) and macOS resource forks (__MACOSX) travel with exports copied from a
 * Mac or out of a repository. They are never exports, so folders and archives leave them out
 * without a file outcome, which would only be noise.
 */
export function isHiddenName(segment: string): boolean {
  return segment.startsWith('.') || segment === '__MACOSX';
}
