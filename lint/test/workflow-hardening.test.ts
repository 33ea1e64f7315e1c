/**
 * Supply-chain and token invariants of every workflow (issue 22), plus the shape of the two workflows that
 * write to the repository on a schedule or a push (verify.yml, deploy-pages.yml). Parsed with `yaml`; the raw
 * text is read only for the version comment beside each pinned SHA.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIR = join(ROOT, '.github/workflows');
const NAMES = readdirSync(DIR).filter((n) => /\.ya?ml$/.test(n)).sort();
const text = (name: string) => readFileSync(join(DIR, name), 'utf8');

interface Step { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string>; id?: string }
interface Job { permissions?: Record<string, string> | string; steps: Step[]; needs?: string | string[]; if?: string; outputs?: Record<string, string> }
interface Workflow { on: Record<string, unknown>; permissions?: Record<string, string> | string; jobs: Record<string, Job> }
const load = (name: string) => parse(text(name)) as Workflow;

/** The write permissions each job may hold; a job not listed may hold none. */
const WRITES: Record<string, Record<string, string[]>> = {
  'pr.yml': { lint: ['security-events'] },
  'staleness.yml': { report: ['issues'] },
  'verify.yml': { 'stamps-pr': ['contents', 'pull-requests'], 'drift-issue': ['issues'] },
  'deploy-pages.yml': { deploy: ['id-token', 'pages'] },
};

describe.each(NAMES)('%s', (name) => {
  const wf = load(name);
  const steps = Object.values(wf.jobs).flatMap((j) => j.steps);

  it('pins every non-local action to a full commit SHA with its version in a comment', () => {
    for (const step of steps) {
      if (!step.uses || step.uses.startsWith('./')) continue;
      expect(step.uses, step.uses).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
      const line = text(name).split('\n').find((l) => l.includes(step.uses!));
      expect(line, step.uses).toMatch(/@[0-9a-f]{40} # v\d+(\.\d+){0,2}\s*$/);
    }
  });

  it('never leaves the token in the checkout', () => {
    for (const step of steps.filter((s) => s.uses?.startsWith('actions/checkout@'))) expect(step.with?.['persist-credentials']).toBe(false);
  });

  it('grants only read at the top and each write on the one job that needs it', () => {
    expect(wf.permissions).toEqual({ contents: 'read' });
    for (const [id, job] of Object.entries(wf.jobs)) {
      expect(typeof job.permissions === 'string' ? job.permissions : 'map', id).toBe('map');
      const writes = Object.entries(job.permissions ?? {}).filter(([, v]) => v === 'write').map(([k]) => k).sort();
      expect(writes, `${name} ${id}`).toEqual(WRITES[name]?.[id] ?? []);
    }
  });

  it('calls only scripts that exist', () => {
    for (const step of steps) for (const m of (step.run ?? '').matchAll(/\bbash (\.github\/\S+\.sh)/g)) expect(existsSync(join(ROOT, m[1])), m[1]).toBe(true);
  });
});

describe('verify.yml', () => {
  const wf = load('verify.yml');
  const verify = wf.jobs.verify;
  const run = verify.steps.find((s) => s.run?.includes(' verify '))!;

  it('runs monthly and on demand', () => {
    const cron = (wf.on.schedule as { cron: string }[])[0].cron.split(' ');
    expect(cron[2]).toMatch(/^\d+$/);
    expect(cron.slice(3)).toEqual(['*', '*']);
    expect(Object.keys(wf.on)).toContain('workflow_dispatch');
  });

  it('runs verify --fix for a Markdown report, keeping exit 1 (drift) and failing only on 2', () => {
    expect(run.run).toMatch(/npm run --silent lint -- verify --fix --format md .*> drift\.md \|\| code=\$\?/);
    expect(run.run).toContain('"code=$code" >> "$GITHUB_OUTPUT"');
    expect(run.run?.trim().split('\n').at(-1)).toBe('[ "$code" -le 1 ]');
    expect(verify.outputs?.code).toBe(`\${{ steps.${run.id}.outputs.code }}`);
  });

  it('opens the PR only when stamps changed, and the issue only when verify itself worked', () => {
    expect(wf.jobs['stamps-pr'].needs).toBe('verify');
    expect(wf.jobs['stamps-pr'].if).toBe("needs.verify.outputs.changed == 'true'");
    expect(wf.jobs['drift-issue'].if).toBe("needs.verify.outputs.code == '0' || needs.verify.outputs.code == '1'");
    const issue = wf.jobs['drift-issue'].steps.find((s) => s.run?.includes('staleness-issue.sh'))!;
    expect(issue.env).toMatchObject({ STALE_LABEL: 'source-drift', VERIFY_CODE: '${{ needs.verify.outputs.code }}' });
  });
});

describe('deploy-pages.yml', () => {
  const wf = load('deploy-pages.yml');

  it('builds with the address configure-pages reports and deploys with the official actions', () => {
    const build = wf.jobs.build;
    const pages = build.steps.find((s) => s.uses?.startsWith('actions/configure-pages@'))!;
    const step = build.steps.find((s) => s.run === 'npm run build')!;
    expect(step.env).toMatchObject({ SITE_URL: `\${{ steps.${pages.id}.outputs.origin }}`, BASE_PATH: `\${{ steps.${pages.id}.outputs.base_path }}` });
    const upload = build.steps.find((s) => s.uses?.startsWith('actions/upload-pages-artifact@'))!;
    expect(upload.with?.path).toBe('dist');
    expect(build.steps.indexOf(upload)).toBeGreaterThan(build.steps.indexOf(step));
    expect(wf.jobs.deploy.needs).toBe('build');
    expect(wf.jobs.deploy.steps.map((s) => s.uses?.split('@')[0])).toEqual(['actions/deploy-pages']);
    expect(Object.keys(wf.on).sort()).toEqual(['push', 'workflow_dispatch']);
  });
});
