/**
 * Where the rule docs live. The site publishes each rule's docs.md at `/lint/<id>/`; `KB_SITE_URL` points at
 * the deployed site (default: the local preview that `npm start` serves).
 */
export const SITE_URL = (process.env.KB_SITE_URL ?? 'http://localhost:4321').replace(/\/$/, '');

export const ruleUrl = (id: string) => `${SITE_URL}/lint/${id}/`;
