/**
 * Internal link schemes. Content links to other pages by what they are (`gotcha:U6`, `principle:8`,
 * `profile:runpod#storage`), never by file path: the linter resolves each against the corpus index and the
 * site rewrites each to a URL with `hrefFor`.
 */

export const LINK_SCHEMES = ['gotcha', 'principle', 'profile', 'ref', 'catalog', 'script'] as const;
export type LinkScheme = (typeof LINK_SCHEMES)[number];

export interface InternalLink {
  scheme: LinkScheme;
  /** Gotcha id, principle number, profile id, reference path, catalog id or script file name. */
  target: string;
  /** Heading anchor without `#`, if any. */
  anchor?: string;
}

const SCHEME = /^([a-z]+):(.*)$/;

/** Parse `scheme:target#anchor`; `undefined` for anything that is not one of our schemes (https:, mailto:). */
export function parseInternalLink(url: string): InternalLink | undefined {
  const m = SCHEME.exec(url);
  if (!m || !(LINK_SCHEMES as readonly string[]).includes(m[1])) return undefined;
  const [target, anchor] = m[2].split('#', 2);
  return { scheme: m[1] as LinkScheme, target, anchor: anchor || undefined };
}

/** Site path of a gotcha page; ids are upper case, URLs lower case. */
export const gotchaPath = (id: string) => `/gotchas/${id.toLowerCase()}/`;
export const profilePath = (id: string) => `/profiles/${id}/`;
export const catalogPath = (id: string) => `/catalogs/${id}/`;
export const referencePath = (path: string) => `/reference/${path}/`;
/** Templates keep their full file name in the URL slug, dots turned to hyphens (`run_one-sh-template`). */
export const templateSlug = (file: string) => file.replace(/\./g, '-');
export const templatePath = (file: string) => `/templates/${templateSlug(file)}/`;
export const principleAnchor = (n: number | string) => `principle-${n}`;

/** The site URL an internal link points to (without the base path). */
export function hrefFor(link: InternalLink): string {
  const hash = link.anchor ? `#${link.anchor}` : '';
  switch (link.scheme) {
    case 'gotcha':
      return gotchaPath(link.target) + hash;
    case 'principle':
      return `${referencePath('principles')}#${principleAnchor(link.target)}`;
    case 'profile':
      return profilePath(link.target) + hash;
    case 'ref':
      return referencePath(link.target) + hash;
    case 'catalog':
      return catalogPath(link.target) + hash;
    case 'script':
      return templatePath(link.target) + hash;
  }
}

interface LinkNode {
  type: string;
  url?: string;
  children?: LinkNode[];
}

/**
 * remark plugin for the site: rewrites scheme links to site URLs under `base` (e.g. `/` or `/guide/`).
 * Unknown targets are left for the linter to report; the site never silently drops a link.
 */
export function remarkInternalLinks(options: { base?: string } = {}) {
  const base = (options.base ?? '/').replace(/\/$/, '');
  return (tree: LinkNode) => {
    const visit = (node: LinkNode) => {
      if ((node.type === 'link' || node.type === 'definition') && node.url) {
        const link = parseInternalLink(node.url);
        if (link) node.url = base + hrefFor(link);
      }
      for (const child of node.children ?? []) visit(child);
    };
    visit(tree);
  };
}
