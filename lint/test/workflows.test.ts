/**
 * The GitHub side of the project: workflows, issue forms and the PR template. These files only run on
 * GitHub, so the tests check what can go wrong without running them: triggers, permissions, the npm scripts
 * and files they call, and that the issue forms still match the content model.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { COSTS } from '../src/schema/ids.ts';
import { PROFILE_KINDS } from '../src/schema/profile.ts';
import { RULES } from '../src/rules/index.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (rel: string) => readFileSync(join(ROOT, rel), 'utf8');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  'runs-on': string;
  container?: string;
  'timeout-minutes'?: number;
  permissions?: Record<string, string>;
  env?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  name: string;
  on: Record<string, unknown>;
  permissions?: Record<string, string> | string;
  jobs: Record<string, Job>;
}

/** The workflows this file knows in detail; any other workflow still gets the generic checks. */
const KNOWN = ['staleness.yml', 'pr.yml', 'ci.yml'] as const;
const WORKFLOWS = readdirSync(join(ROOT, '.github/workflows'))
  .filter((n) => /\.ya?ml$/.test(n))
  .sort();
const workflow = (name: string) => parse(read(`.github/workflows/${name}`)) as Workflow;
const allSteps = (wf: Workflow) => Object.values(wf.jobs).flatMap((j) => j.steps);
const runText = (wf: Workflow) => allSteps(wf).map((s) => s.run ?? '').join('\n');
const stepRunning = (job: Job, text: string) => job.steps.find((s) => s.run?.includes(text));

/** `npm run [flags] <script>` → script names. */
function npmScripts(text: string): string[] {
  return [...text.matchAll(/\bnpm run((?:\s+--?[a-z-]+)*)\s+([a-z][\w:-]*)/g)].map((m) => m[2]);
}

describe('workflows', () => {
  it('are all present and parse', () => {
    expect(WORKFLOWS).toEqual(expect.arrayContaining([...KNOWN]));
    for (const name of WORKFLOWS) {
      const wf = workflow(name);
      expect(wf.name, name).toBeTypeOf('string');
      expect(Object.keys(wf.jobs).length, name).toBeGreaterThan(0);
    }
  });

  it.each(WORKFLOWS)('%s: every job has a runner, a timeout, Node 24 and npm ci before any npm run', (name) => {
    for (const [id, job] of Object.entries(workflow(name).jobs)) {
      expect(job['runs-on'], id).toBe('ubuntu-latest');
      expect(job['timeout-minutes'], id).toBeGreaterThan(0);
      const uses = job.steps.map((s) => s.uses ?? '');
      expect(uses.some((u) => u.startsWith('actions/checkout@')), id).toBe(true);
      // Node 24 from setup-node, or from the official image when the job runs in a container.
      const node = job.steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
      if (job.container) expect(String(job.container), id).toMatch(/^node:24(-|$)/);
      else expect(node?.with?.['node-version'], id).toBe(24);
      const ci = job.steps.findIndex((s) => s.run?.trim() === 'npm ci');
      const firstRun = job.steps.findIndex((s) => /npm run|bash \S/.test(s.run ?? ''));
      expect(ci, id).toBeGreaterThan(-1);
      expect(ci, id).toBeLessThan(firstRun);
    }
  });

  it.each(KNOWN)('%s: grants read-only contents at the top and writes nothing it does not need', (name) => {
    const wf = workflow(name);
    expect(typeof wf.permissions).toBe('object');
    expect((wf.permissions as Record<string, string>).contents).toBe('read');
    const writes = [wf.permissions, ...Object.values(wf.jobs).map((j) => j.permissions)]
      .flatMap((p) => Object.entries((p as Record<string, string> | undefined) ?? {}))
      .filter(([, v]) => v === 'write')
      .map(([k]) => k)
      .sort();
    const allowed: Record<string, string[]> = { 'staleness.yml': ['issues'], 'pr.yml': ['security-events'], 'ci.yml': [] };
    expect(writes).toEqual(allowed[name]);
  });

  it.each(WORKFLOWS)('%s: never expands ${{ }} inside a shell script (values go through env)', (name) => {
    expect(runText(workflow(name))).not.toContain('${{');
  });

  it.each(WORKFLOWS)('%s: every npm script it calls exists in package.json', (name) => {
    const scripts = Object.keys((JSON.parse(read('package.json')) as { scripts?: Record<string, string> }).scripts ?? {});
    const called = [...new Set(npmScripts(runText(workflow(name))))];
    expect(called.length + (name === 'ci.yml' ? 1 : 0)).toBeGreaterThan(0);
    expect(called.filter((s) => !scripts.includes(s)), `scripts missing from package.json for ${name}`).toEqual([]);
  });

  it.each(WORKFLOWS)('%s: every file it runs with bash exists', (name) => {
    const files = [...runText(workflow(name)).matchAll(/\bbash\s+([\w./-]+)/g)].map((m) => m[1]);
    for (const f of files) expect(existsSync(join(ROOT, f)), `${f} (called by ${name})`).toBe(true);
  });

  it('finds npm scripts behind flags', () => {
    expect(npmScripts('npm run --silent stale -- --format md\nnpm run lint -- x\nnpm ci')).toEqual(['stale', 'lint']);
  });

  describe('staleness.yml', () => {
    const wf = workflow('staleness.yml');
    const job = wf.jobs.report;

    it('runs monthly and on demand', () => {
      const schedule = wf.on.schedule as { cron: string }[];
      expect(schedule).toHaveLength(1);
      const [minute, hour, day, month, weekday] = schedule[0].cron.split(' ');
      expect([month, weekday]).toEqual(['*', '*']);
      expect(day).toMatch(/^([1-9]|1\d|2[0-8])$/); // a day every month has
      expect(Number(minute)).toBeLessThan(60);
      expect(Number(hour)).toBeLessThan(24);
      expect(wf.on).toHaveProperty('workflow_dispatch');
    });

    it('keeps the stale exit code and hands it, with the report, to the issue script', () => {
      const report = stepRunning(job, 'stale');
      expect(report?.run).toMatch(/npm run --silent stale -- --format md .*> report\.md \|\| code=\$\?/);
      expect(report?.run).toContain('--only-stale');
      expect(report?.run).toContain('"code=$code" >> "$GITHUB_OUTPUT"');
      const issue = stepRunning(job, 'staleness-issue.sh');
      expect(issue?.run).toBe('bash .github/scripts/staleness-issue.sh report.md "$STALE_CODE"');
      expect(issue?.env).toMatchObject({ GH_TOKEN: '${{ secrets.GITHUB_TOKEN }}', STALE_CODE: `\${{ steps.${String((report as { id?: string }).id)}.outputs.code }}` });
      expect(wf.permissions).toEqual({ contents: 'read', issues: 'write' });
    });
  });

  describe('pr.yml', () => {
    const wf = workflow('pr.yml');

    it('runs on pull requests', () => {
      expect(Object.keys(wf.on)).toEqual(['pull_request']);
    });

    it('lints only the changed content against the base branch, with full history', () => {
      const job = wf.jobs.lint;
      expect(job.steps.find((s) => s.uses?.startsWith('actions/checkout@'))?.with?.['fetch-depth']).toBe(0);
      expect(job.env?.BASE_REF).toBe('${{ github.base_ref }}');
      expect(stepRunning(job, '--format github')?.run).toBe('npm run lint -- --changed "origin/$BASE_REF" --format github');
    });

    it('writes SARIF even when the lint step failed, and uploads it with security-events: write', () => {
      const job = wf.jobs.lint;
      const sarif = stepRunning(job, '--format sarif');
      expect(sarif?.if).toBe('always()');
      expect(sarif?.run).toMatch(/npm run --silent lint -- --changed "origin\/\$BASE_REF" --format sarif > kb-lint\.sarif/);
      const upload = job.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
      expect(upload?.with?.sarif_file).toBe('kb-lint.sarif');
      expect(upload?.if).toMatch(/^always\(\)/);
      expect(job.permissions).toEqual({ contents: 'read', 'security-events': 'write' });
    });

    it('builds the site so a broken page fails the PR', () => {
      expect(stepRunning(wf.jobs.build, 'npm run build')?.run).toBe('npm run build');
    });
  });

  describe('ci.yml', () => {
    it('runs .ci/run on pushes to main, as root on Debian as that script expects', () => {
      const wf = workflow('ci.yml');
      expect(wf.on).toEqual({ push: { branches: ['main'] } });
      expect(stepRunning(wf.jobs.check, '.ci/run')?.run).toBe('bash .ci/run');
      expect(wf.jobs.check.container).toMatch(/^node:24-(bookworm|trixie)/);
      expect(read('.ci/run')).toMatch(/apt-get|system-deps/);
      expect(stepRunning(wf.jobs.check, 'safe.directory')).toBeDefined();
    });
  });
});

interface FormElement {
  type: 'markdown' | 'input' | 'textarea' | 'dropdown' | 'checkboxes';
  id?: string;
  attributes: { label?: string; options?: (string | { label: string })[]; multiple?: boolean; value?: string };
  validations?: { required?: boolean };
}
interface Form {
  name: string;
  description: string;
  labels?: string[];
  body: FormElement[];
}

const FORMS = ['new-gotcha.yml', 'fact-correction.yml', 'new-platform.yml'] as const;
const form = (name: string) => parse(read(`.github/ISSUE_TEMPLATE/${name}`)) as Form;
const field = (f: Form, id: string) => f.body.find((e) => e.id === id);

describe('issue forms', () => {
  it.each(FORMS)('%s: is a well-formed form with unique ids and labels on every field', (name) => {
    const f = form(name);
    expect(f.name).toBeTypeOf('string');
    expect(f.description).toBeTypeOf('string');
    const inputs = f.body.filter((e) => e.type !== 'markdown');
    const ids = inputs.map((e) => e.id);
    expect(ids.every((id) => typeof id === 'string' && /^[a-z][a-z0-9-]*$/.test(id)), name).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const e of inputs) expect(e.attributes.label, `${name}#${e.id}`).toBeTypeOf('string');
    for (const e of f.body.filter((x) => x.type === 'dropdown' || x.type === 'checkboxes')) expect(e.attributes.options?.length).toBeGreaterThan(0);
  });

  it('new gotcha maps onto the gotcha schema and sections', () => {
    const f = form('new-gotcha.yml');
    for (const id of ['id', 'catalog', 'platforms', 'cost', 'sources', 'verified', 'symptom', 'root-cause', 'fix']) expect(field(f, id), id).toBeDefined();
    for (const id of ['catalog', 'platforms', 'cost', 'sources', 'quote', 'verified', 'symptom', 'root-cause', 'fix']) expect(field(f, id)?.validations?.required, id).toBe(true);
    expect(field(f, 'id')?.validations?.required).not.toBe(true);
    expect(field(f, 'cost')?.attributes).toMatchObject({ multiple: true, options: [...COSTS] });
  });

  it('new gotcha offers exactly the catalogs in content/catalogs/ (plus "Not sure")', () => {
    const catalogs = readdirSync(join(ROOT, 'content/catalogs'))
      .filter((n) => n.endsWith('.md') && !n.startsWith('_'))
      .map((n) => n.slice(0, -3))
      .sort();
    const offered = (field(form('new-gotcha.yml'), 'catalog')?.attributes.options ?? []).map(String);
    expect(offered.at(-1)).toBe('Not sure');
    expect(offered.slice(0, -1).sort(), 'update the catalog dropdown in .github/ISSUE_TEMPLATE/new-gotcha.yml').toEqual(catalogs);
  });

  it('fact correction asks for page, field, old and new value, source, its passage and month checked', () => {
    const f = form('fact-correction.yml');
    for (const id of ['page', 'field', 'old-value', 'new-value', 'source', 'quote', 'month-checked']) expect(field(f, id)?.validations?.required, id).toBe(true);
  });

  it('new platform offers the profile kinds of the schema', () => {
    const f = form('new-platform.yml');
    expect(field(f, 'kind')?.attributes.options).toEqual([...PROFILE_KINDS]);
    for (const id of ['title', 'id', 'meter', 'storage', 'sources', 'month-checked']) expect(field(f, id)?.validations?.required, id).toBe(true);
  });

  it('config keeps blank issues available', () => {
    expect(parse(read('.github/ISSUE_TEMPLATE/config.yml'))).toEqual({ blank_issues_enabled: true });
  });
});

describe('pull request template', () => {
  it('has the checklist: lint, https sources, verified = month checked, own words, sections', () => {
    const text = read('.github/pull_request_template.md');
    const boxes = text.split('\n').filter((l) => l.startsWith('- [ ]'));
    expect(boxes.length).toBeGreaterThanOrEqual(5);
    for (const needle of ['npm run lint', 'https://', '`verified`', '`quote:`', '`carried_over`', 'own words', '## Symptom']) expect(text).toContain(needle);
  });
});

describe('CONTRIBUTING.md', () => {
  const text = read('CONTRIBUTING.md');

  it('lists every registered rule with its site page and its docs.md', () => {
    const rows = text.split('\n').filter((l) => l.startsWith('| `'));
    const listed = rows.map((l) => /^\| `([a-z0-9-]+)`/.exec(l)?.[1]);
    expect(listed.sort(), 'add the missing rule to the table in CONTRIBUTING.md').toEqual(RULES.map((r) => r.id).sort());
    for (const r of RULES) {
      const row = rows.find((l) => l.startsWith(`| \`${r.id}\``)) ?? '';
      expect(row).toContain(`[\`/lint/${r.id}/\`](lint/src/rules/${r.id}/docs.md)`);
      expect(existsSync(join(ROOT, `lint/src/rules/${r.id}/docs.md`)), r.id).toBe(true);
    }
  });

  it('points at files that exist', () => {
    for (const m of text.matchAll(/\]\(((?:docs|content|lint)\/[^)#\s]+)\)/g)) expect(existsSync(join(ROOT, m[1])), m[1]).toBe(true);
  });
});
