/**
 * The repository the site is built from: one value, `REPOSITORY_URL` (GitHub Actions' `GITHUB_REPOSITORY`
 * fills it in on a Pages deploy). Without it, pages show no "Edit" or "Report a problem" link rather than
 * one that leads nowhere.
 */
const fromActions = process.env.GITHUB_REPOSITORY ? `${process.env.GITHUB_SERVER_URL ?? 'https://github.com'}/${process.env.GITHUB_REPOSITORY}` : undefined;
export const REPOSITORY_URL = (process.env.REPOSITORY_URL ?? fromActions)?.replace(/\/+$/, '');

/** The file's edit page on the default branch. */
export const editUrl = (path: string) => (REPOSITORY_URL ? `${REPOSITORY_URL}/edit/main/${path}` : undefined);

/** The fact-correction issue form, with the page filled in (issue forms take field ids as query parameters). */
export const reportUrl = (page: string, title: string) =>
  REPOSITORY_URL ? `${REPOSITORY_URL}/issues/new?${new URLSearchParams({ template: 'fact-correction.yml', title: `[correction] ${title}`, page })}` : undefined;
