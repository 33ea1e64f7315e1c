/**
 * Where the rule docs live. The site publishes each rule's docs.md at `/lint/<id>/`; `SITE_URL` and
 * `BASE_PATH` point at the deployed site, as they do for the build (default: the local preview `npm start`
 * serves). `KB_SITE_URL` is the older name of `SITE_URL`.
 */
const origin = (process.env.SITE_URL ?? process.env.KB_SITE_URL ?? 'http://localhost:4321').replace(/\/+$/, '');
/** `BASE_PATH` as a path prefix without a trailing slash (`/field-guide`), or `''` for a site at the root. */
export function basePrefix(basePath = process.env.BASE_PATH ?? ''): string {
  const trimmed = basePath.replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}` : '';
}
export const SITE_URL = `${origin}${basePrefix()}`;

export const ruleUrl = (id: string) => `${SITE_URL}/lint/${id}/`;
