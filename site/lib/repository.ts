/**
 * The repository the site is built from, for the "Edit this page" and "Report a problem" links:
 * `REPOSITORY_URL`, else GitHub Actions' `GITHUB_REPOSITORY`, else the clone's `origin` remote when it is a
 * GitHub address (so a local build of a fork links to the fork). Without any, pages show neither link rather
 * than one that leads nowhere.
 */
import { execFileSync } from 'node:child_process';

const fromActions = process.env.GITHUB_REPOSITORY ? `${process.env.GITHUB_SERVER_URL ?? 'https://github.com'}/${process.env.GITHUB_REPOSITORY}` : undefined;

/** `https://github.com/owner/repo` from the remote forms git prints (https, scp-like ssh, ssh://), else undefined. */
export function githubWebUrl(remote: string): string | undefined {
  const m = /^(?:https:\/\/(?:[^@/]+@)?github\.com\/|git@github\.com:|ssh:\/\/git@github\.com\/)([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(remote.trim());
  return m ? `https://github.com/${m[1]}/${m[2]}` : undefined;
}

function fromOrigin(): string | undefined {
  try {
    const remote = execFileSync('git', ['remote', 'get-url', 'origin'], { cwd: process.env.KB_REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 });
    return githubWebUrl(remote);
  } catch {
    return undefined; // not a clone, no origin, or no git: no links
  }
}

export const REPOSITORY_URL = (process.env.REPOSITORY_URL ?? fromActions ?? fromOrigin())?.replace(/\/+$/, '');

/** The file's edit page on the default branch. */
export const editUrl = (path: string) => (REPOSITORY_URL ? `${REPOSITORY_URL}/edit/main/${path}` : undefined);

/** The fact-correction issue form, with the page filled in (issue forms take field ids as query parameters). */
export const reportUrl = (page: string, title: string) =>
  REPOSITORY_URL ? `${REPOSITORY_URL}/issues/new?${new URLSearchParams({ template: 'fact-correction.yml', title: `[correction] ${title}`, page })}` : undefined;
