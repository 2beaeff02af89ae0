/**
 * Built-in summaries for the producers our users run. Each reads a parsed payload defensively (a field
 * of the wrong type is treated as missing) and returns one line, or null to let the raw preview show.
 *
 * - Gerrit `stream-events` as germqtt publishes them (`<base>/<project>/<event type>`, JSON one event per
 *   message: `type`, `change`, `patchSet`, `author`, `approvals`, `refUpdate`, …).
 * - Launchpad bug events: lpmqtt's (`event-type`, `bug-number`, `project`, `status`, `importance`,
 *   `bug-modifier`), and the richer shape of the demo stream (`event`, `bug`, `person`).
 * - Pulp 2's task notifications `pulp.server.repo.{sync,publish}.{start,finish}` (`repo_id`, `result`).
 */

import { clip, MAX_SUMMARY_CHARS } from './template';

type Obj = Record<string, unknown>;

function obj(v: unknown): Obj | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
}
function str(v: unknown): string | undefined {
  if (typeof v === 'string') {
    const s = v.replace(/\s+/g, ' ').trim();
    return s === '' ? undefined : clip(s, 100);
  }
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}
function field(o: Obj | undefined, key: string): unknown {
  return o !== undefined && Object.hasOwn(o, key) ? o[key] : undefined;
}
function person(v: unknown): string | undefined {
  const p = obj(v);
  return str(field(p, 'display_name')) ?? str(field(p, 'name')) ?? str(field(p, 'username')) ?? str(v);
}

export interface BuiltinSummary {
  /** Shown in the settings list. */
  readonly name: string;
  /** Topic levels (in the connection's syntax) this producer publishes under. */
  matches(levels: readonly string[]): boolean;
  summarize(json: unknown, levels: readonly string[]): string | null;
}

// ---- Gerrit ---------------------------------------------------------------------------------------

/** `Code-Review+2`, `Verified-1`: the votes this comment changed (or, without oldValue, gave). */
function votes(approvals: unknown): string {
  if (!Array.isArray(approvals)) return '';
  const out: string[] = [];
  for (const a of approvals.slice(0, 8)) {
    const o = obj(a);
    const type = str(field(o, 'type'));
    const value = str(field(o, 'value'));
    if (type === undefined || value === undefined) continue;
    const old = str(field(o, 'oldValue'));
    const n = Number(value);
    if (old !== undefined ? old === value : n === 0) continue;
    // Gerrit sends "2"; some relays send "+2".
    const sign = Number.isFinite(n) && n > 0 && !value.startsWith('+') ? '+' : '';
    out.push(`${type}${sign}${value}`);
  }
  return out.join(' ');
}

function changeRef(e: Obj): { ref: string; project: string; subject: string; branch: string } | null {
  const change = obj(field(e, 'change'));
  const number = str(field(change, 'number'));
  const project = str(field(change, 'project')) ?? str(field(e, 'project'));
  if (number === undefined || project === undefined) return null;
  const ps = str(field(obj(field(e, 'patchSet')), 'number'));
  return {
    ref: ps === undefined ? number : `${number},${ps}`,
    project,
    subject: str(field(change, 'subject')) ?? '',
    branch: str(field(change, 'branch')) ?? '',
  };
}

const ZERO_REV = /^0+$/;

function gerrit(json: unknown): string | null {
  const e = obj(json);
  const type = str(field(e, 'type'));
  if (e === undefined || type === undefined) return null;
  if (type === 'ref-updated') {
    const ru = obj(field(e, 'refUpdate'));
    const refName = str(field(ru, 'refName'));
    const project = str(field(ru, 'project'));
    if (refName === undefined || project === undefined) return null;
    const ref = refName.replace(/^refs\/heads\//, '');
    const who = person(field(e, 'submitter'));
    const oldRev = str(field(ru, 'oldRev')) ?? '';
    const newRev = str(field(ru, 'newRev')) ?? '';
    const verb = ZERO_REV.test(oldRev) ? 'created' : ZERO_REV.test(newRev) ? 'deleted' : 'updated';
    const revs = verb === 'updated' && newRev ? ` to ${newRev.slice(0, 7)}` : '';
    return who ? `${who} ${verb} ${ref} in ${project}${revs}` : `${ref} ${verb} in ${project}${revs}`;
  }
  const c = changeRef(e);
  if (c === null) return null;
  const where = `${c.ref} (${c.project}${c.branch && c.branch !== 'master' && c.branch !== 'main' ? `, ${c.branch}` : ''})`;
  const tail = c.subject ? ` — ${c.subject}` : '';
  switch (type) {
    case 'comment-added': {
      const v = votes(field(e, 'approvals'));
      const who = person(field(e, 'author'));
      return `${who ? `${who} commented on` : 'Comment on'} ${where}${v ? `: ${v}` : ''}${tail}`;
    }
    case 'patchset-created':
      return `${person(field(e, 'uploader')) ?? 'Someone'} uploaded ${where}${tail}`;
    case 'change-merged':
      return `${person(field(e, 'submitter')) ?? 'Someone'} merged ${where}${tail}`;
    case 'change-abandoned':
      return `${person(field(e, 'abandoner')) ?? 'Someone'} abandoned ${where}${tail}`;
    case 'change-restored':
      return `${person(field(e, 'restorer')) ?? 'Someone'} restored ${where}${tail}`;
    case 'reviewer-added':
      return `${person(field(e, 'reviewer')) ?? 'Someone'} was added as a reviewer on ${where}${tail}`;
    default:
      return `${type} on ${where}${tail}`;
  }
}

// ---- Launchpad ------------------------------------------------------------------------------------

function projectOfLink(link: string | undefined): string | undefined {
  return link ? /launchpad\.net\/([^/]+)\/\+bug\//.exec(link)?.[1] : undefined;
}

function launchpad(json: unknown, levels: readonly string[]): string | null {
  const e = obj(json);
  if (e === undefined) return null;
  // lpmqtt: one flat event parsed from Launchpad's notification e-mail headers.
  const lpNumber = str(field(e, 'bug-number'));
  if (lpNumber !== undefined) {
    const project = str(field(e, 'project'));
    const who = person(field(e, 'bug-modifier'));
    const state = [str(field(e, 'status')), str(field(e, 'importance'))].filter(Boolean).join(', ');
    return `${who ?? 'Someone'} updated bug #${lpNumber}${project ? ` (${project})` : ''}${state ? `: ${state}` : ''}`;
  }
  const bug = obj(field(e, 'bug'));
  const id = str(field(bug, 'id'));
  if (id === undefined) return null;
  const project = projectOfLink(str(field(bug, 'web_link'))) ?? levels.at(-2) ?? '';
  const title = str(field(bug, 'title'));
  const who = person(field(e, 'person')) ?? 'Someone';
  const where = `bug #${id}${project ? ` (${project})` : ''}`;
  const tail = title ? ` — ${title}` : '';
  const event = str(field(e, 'event')) ?? levels.at(-1) ?? '';
  switch (event) {
    case 'bug-created':
      return `${who} reported ${where}${tail}`;
    case 'bug-comment':
      return `${who} commented on ${where}${tail}`;
    case 'bug-status-changed': {
      const what = str(field(e, 'field')) ?? 'status';
      const from = str(field(e, 'old_value'));
      const to = str(field(e, 'new_value'));
      const change = from && to ? ` from ${from} to ${to}` : to ? ` to ${to}` : '';
      return `${who} changed ${what} of ${where}${change}${tail}`;
    }
    default:
      return `${who}: ${event || 'update'} on ${where}${tail}`;
  }
}

// ---- Pulp -----------------------------------------------------------------------------------------

function pulp(json: unknown, levels: readonly string[]): string | null {
  const e = obj(json);
  const repo = str(field(e, 'repo_id'));
  if (repo === undefined) return null;
  const kind = levels.at(-2);
  const phase = levels.at(-1);
  if (phase === 'start') return `${kind} of ${repo} started`;
  const result = str(field(e, 'result'));
  if (result !== undefined && result !== 'success') {
    const why = str(field(e, 'error_message'));
    return `${kind} of ${repo} ${result === 'failed' ? 'failed' : result}${why ? `: ${why}` : ''}`;
  }
  return `${kind} of ${repo} finished`;
}

const PULP_KINDS = new Set(['sync', 'publish']);
const PULP_PHASES = new Set(['start', 'finish']);

export const BUILTIN_SUMMARIES: readonly BuiltinSummary[] = [
  {
    name: 'Gerrit stream-events (germqtt)',
    matches: (levels) => levels.includes('gerrit'),
    summarize: (json) => gerrit(json),
  },
  {
    name: 'Launchpad bugs (lpmqtt)',
    matches: (levels) => levels.includes('launchpad'),
    summarize: launchpad,
  },
  {
    name: 'Pulp repository tasks',
    matches: (levels) => {
      const n = levels.length;
      return (
        n >= 5 &&
        levels[n - 5] === 'pulp' &&
        levels[n - 4] === 'server' &&
        levels[n - 3] === 'repo' &&
        PULP_KINDS.has(levels[n - 2] as string) &&
        PULP_PHASES.has(levels[n - 1] as string)
      );
    },
    summarize: pulp,
  },
];

/** Cuts a built-in summary to the row's budget. */
export function fitSummary(line: string | null): string | null {
  return line === null ? null : clip(line, MAX_SUMMARY_CHARS);
}
