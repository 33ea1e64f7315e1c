/**
 * Gotcha pages live at lower-case paths (`/gotchas/rp4/`) while the guide writes ids in capitals. Given a
 * path that missed, the page it meant, or undefined. Pure: the 404 page's script and the local server use it.
 */
export function idRedirect(pathname: string, base: string, ids: ReadonlySet<string>): string | undefined {
  const prefix = `${base.replace(/\/$/, '')}/gotchas/`;
  if (!pathname.startsWith(prefix)) return undefined;
  const rest = pathname.slice(prefix.length);
  const m = /^([A-Za-z][A-Za-z0-9]*)\/?$/.exec(rest);
  if (!m) return undefined;
  const id = m[1]!.toLowerCase();
  if (!ids.has(id) || `${id}/` === rest) return undefined;
  return `${prefix}${id}/`;
}
