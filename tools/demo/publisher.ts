// A realistic demo firehose: what an OpenStack/OpenDev-style event bus carries. A few messages per second,
// a merge-train burst every ~20 s, retained status topics, and the odd plain-text and binary payload, so
// that every viewer feature (JSON tree, text, hex, retained badge, bursts, rate meter) has something to show.
// Content comes from a seeded PRNG so two runs show the same stream (timestamps are real).

import { mulberry32 } from '../prng.ts';
import type { DemoPublish } from './broker';

export interface DemoPublisherOptions {
  /** Mean background messages per second, bursts excluded. Default 4. */
  rate?: number;
  /** PRNG seed. Default 1. */
  seed?: number;
  /** Mean seconds between merge-train bursts (jittered ±25%). 0 disables bursts. Default 20. */
  burstEverySeconds?: number;
}

interface Person {
  name: string;
  email: string;
  username: string;
}

const PEOPLE: Person[] = [
  { name: 'Sylvain Bauza', email: 'sbauza@redhat.com', username: 'sbauza' },
  { name: 'Dan Smith', email: 'dms@danplanet.com', username: 'danms' },
  { name: 'Balazs Gibizer', email: 'gibi@redhat.com', username: 'gibi' },
  { name: 'Slawek Kaplonski', email: 'skaplons@redhat.com', username: 'slaweq' },
  { name: 'Rodolfo Alonso', email: 'ralonsoh@redhat.com', username: 'ralonsoh' },
  { name: 'James E. Blair', email: 'jim@acmegating.com', username: 'corvus' },
  { name: 'Clark Boylan', email: 'cboylan@sapwetik.org', username: 'clarkb' },
  { name: 'Jeremy Stanley', email: 'fungi@yuggoth.org', username: 'fungi' },
  { name: 'Ghanshyam Mann', email: 'gmann@ghanshyammann.com', username: 'gmann' },
  { name: 'Takashi Kajinami', email: 'kajinamit@oss.nttdata.com', username: 'tkajinam' },
  { name: 'Brian Haley', email: 'haleyb.dev@gmail.com', username: 'haleyb' },
  { name: 'Ian Wienand', email: 'iwienand@redhat.com', username: 'ianw' },
];

const ZUUL: Person = { name: 'Zuul', email: 'zuul@review.opendev.org', username: 'zuul' };

const PROJECTS = [
  'openstack/nova',
  'openstack/neutron',
  'openstack/cinder',
  'openstack/keystone',
  'openstack/placement',
  'zuul/zuul',
  'zuul/nodepool',
  'opendev/system-config',
  'openstack/project-config',
];

const BRANCHES = ['master', 'master', 'master', 'master', 'stable/2024.2', 'stable/2024.1', 'stable/2023.2'];

const SUBJECTS = [
  'Fix race in live migration rollback',
  'Add support for vTPM in libvirt driver',
  'Remove deprecated [DEFAULT] use_cow_images option',
  'Use oslo.utils to parse IPv6 addresses',
  'Drop Python 3.8 support',
  'Bump hacking to 6.1.0',
  'Handle missing port binding on OVN agent restart',
  'Make metadata proxy honour X-Forwarded-For',
  'Add release note for unified limits',
  'Correct typo in API reference',
  'Log the request id when the scheduler gives up',
  'Zuul: add tenant-scoped Prometheus metrics',
  'Nodepool: retry image uploads on 503',
  'Switch gitea backups to borg',
  'Rotate the review server TLS certificate',
  'Add unit test for quota recount on resize',
  'Avoid N+1 queries when listing servers with detail',
  'Refactor placement allocation candidates query',
  'Update upper constraints for oslo.db 16.0.0',
  'Stop setting deprecated policy defaults',
];

const REVIEW_COMMENTS = [
  'Looks good, thanks for the quick turnaround.',
  'Nit inline, otherwise fine.',
  'Could you add a functional test for the rollback path?',
  'recheck',
  'This needs a release note.',
  'I think this breaks the upgrade path from 2024.1, see inline.',
  'Thanks! +2 once the unit test is fixed.',
  'Let us wait for the spec to merge first.',
];

const JOBS = [
  'openstack-tox-py311',
  'openstack-tox-pep8',
  'tempest-integrated-compute',
  'nova-live-migration',
  'neutron-ovn-tempest-ovs-release',
  'grenade',
  'zuul-nox-py312',
  'system-config-run-review',
];

const LP_PROJECTS = ['nova', 'neutron', 'cinder', 'keystone', 'zuul', 'oslo.db'];
const LP_TITLES = [
  'Instance stuck in BUILD when placement is unreachable',
  'Port binding fails after OVN DB failover',
  'Volume detach races with instance delete',
  'Token validation slow with many role assignments',
  'Executor leaks git repos when a job is dequeued',
  'Deadlock retry does not reset the session',
  'nova-compute crashes on hosts with more than 256 CPUs',
  'Security group rules not applied to trunk subports',
];
const LP_STATUSES = [
  'New',
  'Confirmed',
  'Triaged',
  'In Progress',
  'Fix Committed',
  'Fix Released',
  'Invalid',
];
const LP_IMPORTANCE = ['Undecided', 'Low', 'Medium', 'High', 'Critical'];
const LP_TAGS = ['libvirt', 'ovn', 'gate-failure', 'low-hanging-fruit', 'upgrade', 'db', 'api', 'scheduler'];

const PULP_REPOS = [
  'rhel-9-baseos-x86_64',
  'rhel-9-appstream-x86_64',
  'epel-9-x86_64',
  'centos-stream-9-baseos',
  'ubuntu-noble-main',
  'openstack-2024.2-deps',
];

const IRC_LINES: [string, string][] = [
  ['openstack-infra', 'NOTICE: review.opendev.org will be restarted at 20:00 UTC for a Gerrit upgrade'],
  ['openstack-infra', '#status log restarted zuul-web on zuul02 to pick up config change'],
  ['openstack-infra', 'NOTICE: the gate is blocked by a broken pip release; rechecks are pointless for now'],
  ['opendev', '#status ok the gate is unblocked, please recheck failed changes'],
  ['openstack-nova', 'nova meeting in 10 minutes in #openstack-meeting-3'],
];

interface Change {
  project: string;
  branch: string;
  id: string;
  number: number;
  subject: string;
  owner: Person;
  patchSet: number;
  revision: string;
  parent: string;
  createdOn: number;
  /** Per patch set: stable across the events that mention it, regenerated by a new patch set. */
  psCreatedOn: number;
  psKind: string;
  insertions: number;
  deletions: number;
}

/** Open changes the stream refers back to; capped so a dev server left running for days stays small. */
const MAX_OPEN_CHANGES = 200;

export function startDemoPublisher(publish: DemoPublish, opts: DemoPublisherOptions = {}): { stop(): void } {
  const rate = Math.max(0.1, opts.rate ?? 4);
  const burstEvery = opts.burstEverySeconds ?? 20;
  const rnd = mulberry32(opts.seed ?? 1);
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;

  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(rnd() * items.length)];
    if (item === undefined) throw new Error('pick() from an empty list');
    return item;
  };
  const int = (min: number, max: number) => min + Math.floor(rnd() * (max - min + 1));
  const hex = (n: number) => {
    let s = '';
    for (let i = 0; i < n; i++) s += Math.floor(rnd() * 16).toString(16);
    return s;
  };
  const nowSec = () => Math.floor(Date.now() / 1000);
  const iso = (ms = Date.now()) => new Date(ms).toISOString();

  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      if (!stopped) fn();
    }, ms);
    // Timers never keep the process alive on their own; the broker's server does.
    t.unref();
    timers.add(t);
  };

  const json = (topic: string, body: unknown, extra: { retain?: boolean; qos?: 0 | 1 } = {}) =>
    publish(topic, JSON.stringify(body), extra);

  // ---- Gerrit stream-events -------------------------------------------------------------------------

  const changes: Change[] = [];
  let nextChangeNumber = 934_000 + int(0, 999);

  const changeUrl = (c: Change) => `https://review.opendev.org/c/${c.project}/+/${c.number}`;
  const changeJson = (c: Change, status: 'NEW' | 'MERGED') => ({
    project: c.project,
    branch: c.branch,
    id: c.id,
    number: c.number,
    subject: c.subject,
    owner: c.owner,
    url: changeUrl(c),
    commitMessage: `${c.subject}\n\nChange-Id: ${c.id}\n`,
    createdOn: c.createdOn,
    status,
  });
  const patchSetJson = (c: Change) => ({
    number: c.patchSet,
    revision: c.revision,
    parents: [c.parent],
    ref: `refs/changes/${String(c.number % 100).padStart(2, '0')}/${c.number}/${c.patchSet}`,
    uploader: c.owner,
    createdOn: c.psCreatedOn,
    author: c.owner,
    kind: c.psKind,
    sizeInsertions: c.insertions,
    sizeDeletions: -c.deletions,
  });
  const bumpPatchSet = (c: Change) => {
    c.patchSet += 1;
    c.revision = hex(40);
    c.psCreatedOn = nowSec();
    c.psKind = pick(['REWORK', 'REWORK', 'TRIVIAL_REBASE', 'NO_CODE_CHANGE']);
    c.insertions = Math.max(1, c.insertions + int(-20, 40));
    c.deletions = Math.max(0, c.deletions + int(-10, 20));
  };

  const newChange = (project = pick(PROJECTS)): Change => {
    const c: Change = {
      project,
      branch: pick(BRANCHES),
      id: `I${hex(40)}`,
      number: nextChangeNumber++,
      subject: pick(SUBJECTS),
      owner: pick(PEOPLE),
      patchSet: 1,
      revision: hex(40),
      parent: hex(40),
      // Changes already in review when the stream starts were created earlier.
      createdOn: nowSec() - int(0, 86_400),
      psCreatedOn: nowSec(),
      psKind: 'REWORK',
      insertions: int(1, 400),
      deletions: int(0, 150),
    };
    changes.push(c);
    if (changes.length > MAX_OPEN_CHANGES) changes.shift();
    return c;
  };
  const someChange = (project?: string): Change => {
    const pool = project ? changes.filter((c) => c.project === project) : changes;
    return pool.length > 0 && rnd() < 0.85 ? pick(pool) : newChange(project);
  };
  const forget = (c: Change) => {
    const i = changes.indexOf(c);
    if (i >= 0) changes.splice(i, 1);
  };
  const gerrit = (c: Change, event: string, body: Record<string, unknown>) =>
    // `type` first, as Gerrit sends it: the log row's ~200-byte preview then starts with the event name.
    json(`gerrit/${c.project}/${event}`, { type: event, ...body, eventCreatedOn: nowSec() });

  const patchsetCreated = () => {
    // A third are new changes (patch set 1), the rest new revisions of changes already in review.
    const fresh = rnd() < 0.35;
    const c = fresh ? newChange() : someChange();
    if (!fresh) bumpPatchSet(c);
    gerrit(c, 'patchset-created', {
      uploader: c.owner,
      patchSet: patchSetJson(c),
      change: changeJson(c, 'NEW'),
    });
  };

  const zuulReport = (c: Change, pipeline: 'check' | 'gate', ok: boolean) => {
    const jobs = [...new Set(Array.from({ length: int(3, 6) }, () => pick(JOBS)))];
    const lines = jobs.map((job, i) => {
      const failed = !ok && i === jobs.length - 1;
      return `- ${job} https://zuul.opendev.org/t/openstack/build/${hex(32)} : ${failed ? 'FAILURE' : 'SUCCESS'} in ${int(3, 95)}m ${int(0, 59)}s`;
    });
    const verified = pipeline === 'gate' ? (ok ? '2' : '-2') : ok ? '1' : '-1';
    gerrit(c, 'comment-added', {
      author: ZUUL,
      approvals: [{ type: 'Verified', description: 'Verified', value: verified, oldValue: '0' }],
      comment: `Patch Set ${c.patchSet}: Verified${Number(verified) > 0 ? '+' : ''}${verified}\n\nBuild ${ok ? 'succeeded' : 'failed'} (${pipeline} pipeline).\n\n${lines.join('\n')}\n`,
      patchSet: patchSetJson(c),
      change: changeJson(c, 'NEW'),
    });
  };

  const humanReview = (c: Change) => {
    const reviewer = pick(PEOPLE);
    const value = pick(['-1', '0', '1', '1', '2', '2']);
    const text = pick(REVIEW_COMMENTS);
    gerrit(c, 'comment-added', {
      author: reviewer,
      approvals: [
        { type: 'Code-Review', description: 'Code-Review', value, oldValue: '0' },
        ...(value === '2' && rnd() < 0.5 ? [{ type: 'Workflow', description: 'Workflow', value: '1' }] : []),
      ],
      comment: `Patch Set ${c.patchSet}: Code-Review${value === '0' ? '' : Number(value) > 0 ? `+${value}` : value}\n\n${text}`,
      patchSet: patchSetJson(c),
      change: changeJson(c, 'NEW'),
    });
  };

  const commentAdded = (c = someChange()) =>
    rnd() < 0.45 ? zuulReport(c, 'check', rnd() < 0.75) : humanReview(c);

  const branchHeads = new Map<string, string>();
  const changeMerged = (c = someChange()) => {
    const key = `${c.project} ${c.branch}`;
    const oldRev = branchHeads.get(key) ?? hex(40);
    const newRev = hex(40);
    // Bounded by PROJECTS x BRANCHES (63 keys), so no eviction needed.
    branchHeads.set(key, newRev);
    gerrit(c, 'change-merged', {
      submitter: ZUUL,
      newRev,
      patchSet: patchSetJson(c),
      change: changeJson(c, 'MERGED'),
    });
    gerrit(c, 'ref-updated', {
      submitter: ZUUL,
      refUpdate: { oldRev, newRev, refName: `refs/heads/${c.branch}`, project: c.project },
    });
    forget(c);
  };

  const refUpdated = () => {
    // Tags and meta refs also move without a change merging.
    const project = pick(PROJECTS);
    const tag = rnd() < 0.5;
    const refName = tag ? `refs/tags/${int(27, 31)}.${int(0, 4)}.${int(0, 9)}` : 'refs/meta/config';
    json(`gerrit/${project}/ref-updated`, {
      type: 'ref-updated',
      submitter: pick(PEOPLE),
      // An all-zero oldRev is how Gerrit reports a newly created ref.
      refUpdate: { oldRev: tag ? '0'.repeat(40) : hex(40), newRev: hex(40), refName, project },
      eventCreatedOn: nowSec(),
    });
  };

  // ---- Launchpad bugs -------------------------------------------------------------------------------

  interface Bug {
    title: string;
    project: string;
    status: string;
    importance: string;
    tags: string[];
  }
  const bugs = new Map<number, Bug>();
  const bugJson = (id: number, bug: Bug) => ({
    id,
    title: bug.title,
    status: bug.status,
    importance: bug.importance,
    tags: bug.tags,
    web_link: `https://bugs.launchpad.net/${bug.project}/+bug/${id}`,
  });

  const launchpad = () => {
    const person = pick(PEOPLE);
    const personJson = { name: person.username, display_name: person.name };
    const existing = [...bugs.entries()];
    if (existing.length === 0 || rnd() < 0.3) {
      const id = 2_080_000 + int(0, 19_999);
      const bug: Bug = {
        title: pick(LP_TITLES),
        project: pick(LP_PROJECTS),
        status: 'New',
        importance: 'Undecided',
        tags: [...new Set([pick(LP_TAGS), pick(LP_TAGS)])],
      };
      bugs.set(id, bug);
      // A bounded working set: the oldest bug drops out (Map iterates in insertion order).
      if (bugs.size > 50) bugs.delete(bugs.keys().next().value as number);
      json(`launchpad/bugs/${bug.project}/bug-created`, {
        event: 'bug-created',
        bug: bugJson(id, bug),
        person: personJson,
        date_created: iso(),
      });
      return;
    }
    const entry = pick(existing);
    const [id, bug] = entry;
    if (rnd() < 0.5) {
      const old_value = bug.status;
      bug.status = pick(LP_STATUSES.filter((s) => s !== old_value));
      if (rnd() < 0.4) bug.importance = pick(LP_IMPORTANCE);
      json(`launchpad/bugs/${bug.project}/bug-status-changed`, {
        event: 'bug-status-changed',
        bug: bugJson(id, bug),
        person: personJson,
        field: 'status',
        old_value,
        new_value: bug.status,
        date_changed: iso(),
      });
    } else {
      json(`launchpad/bugs/${bug.project}/bug-comment`, {
        event: 'bug-comment',
        bug: bugJson(id, bug),
        person: personJson,
        message: {
          subject: `Re: ${bug.title}`,
          content: pick([
            'I can reproduce this on master with the attached devstack local.conf.',
            'Fix proposed to branch: master\nReview: https://review.opendev.org/c/openstack/nova/+/934512',
            'Marking as Triaged; the traceback points at the retry decorator.',
            'Still seeing this in the gate: https://zuul.opendev.org/t/openstack/builds?result=FAILURE',
          ]),
        },
        date_created: iso(),
      });
    }
  };

  // ---- Pulp 2 task notifications (AMQP `pulp.server.repo.sync.finish` -> MQTT `pulp/server/repo/sync/finish`)

  const pulp = () => {
    const kind = rnd() < 0.65 ? 'sync' : 'publish';
    const repo_id = pick(PULP_REPOS);
    const plugin =
      kind === 'sync'
        ? { importer_id: 'yum_importer', importer_type_id: 'yum_importer' }
        : { distributor_id: 'yum_distributor', distributor_type_id: 'yum_distributor' };
    const started = iso();
    json(`pulp/server/repo/${kind}/start`, { repo_id, ...plugin, started });
    const failed = rnd() < 0.15;
    const items = int(0, 1200);
    later(int(2_000, 8_000), () => {
      json(`pulp/server/repo/${kind}/finish`, {
        id: hex(24),
        repo_id,
        ...plugin,
        started,
        completed: iso(),
        result: failed ? 'failed' : 'success',
        added_count: failed ? 0 : items,
        removed_count: failed ? 0 : int(0, 40),
        updated_count: 0,
        summary:
          kind === 'sync'
            ? {
                content: {
                  state: failed ? 'FAILED' : 'FINISHED',
                  items_total: items,
                  size_total: items * 812_000,
                },
                comps: { state: 'FINISHED' },
                errata: { state: 'FINISHED' },
                metadata: { state: 'FINISHED' },
              }
            : { initialize_repo_metadata: 'FINISHED', publish_rpms: failed ? 'FAILED' : 'FINISHED' },
        error_message: failed ? 'Connection to cdn.example.com timed out' : null,
        exception: failed ? 'PulpCodedException(PLP1005)' : null,
        traceback: failed
          ? 'Traceback (most recent call last):\n  File "/usr/lib/python2.7/site-packages/pulp/server/managers/repo/sync.py", line 107, in sync\n    sync_report = sync_repo(transfer_repo, conduit, call_config)\nPulpCodedException: Connection to cdn.example.com timed out\n'
          : null,
      });
    });
  };

  // ---- Retained status topics -----------------------------------------------------------------------

  const startedAt = iso();
  const zuulQueue = () =>
    json(
      'status/zuul/queue',
      {
        check: int(5, 60),
        gate: int(0, 25),
        post: int(0, 10),
        promote: int(0, 3),
        periodic: int(0, 40),
        updated: iso(),
      },
      { retain: true, qos: 1 },
    );
  const ciHealth = () => {
    const nodes = int(36, 48);
    const offline = rnd() < 0.7 ? 0 : int(1, 6);
    publish(
      'status/ci/health',
      offline === 0
        ? `OK: ${nodes} nodes`
        : `DEGRADED: ${nodes - offline} of ${nodes} nodes (${offline} offline)`,
      { retain: true, qos: 1 },
    );
  };
  json('status/gerrit', { state: 'online', since: startedAt, version: '3.9.6' }, { retain: true, qos: 1 });
  zuulQueue();
  ciHealth();

  // ---- Odds and ends --------------------------------------------------------------------------------

  const irc = () => {
    const [channel, line] = pick(IRC_LINES);
    publish(`irc/${channel}/notice`, `[${iso().slice(11, 19)}] ${line}`, {});
  };
  const telemetry = () => {
    const bytes = new Uint8Array(int(8, 48));
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(rnd() * 256);
    publish(`telemetry/raw/${int(0, 7)}`, bytes, {});
  };

  // ---- Scheduling -----------------------------------------------------------------------------------

  const mix: [number, () => void][] = [
    [30, () => commentAdded()],
    [18, patchsetCreated],
    [6, () => changeMerged()],
    [4, refUpdated],
    [14, launchpad],
    [6, pulp],
    [5, irc],
    [2, zuulQueue],
    [1, ciHealth],
    [1.5, telemetry],
  ];
  const mixTotal = mix.reduce((sum, [w]) => sum + w, 0);
  const oneEvent = () => {
    let r = rnd() * mixTotal;
    for (const [w, fn] of mix) {
      r -= w;
      if (r < 0) return fn();
    }
  };

  // Poisson arrivals: exponential gaps around the mean, so the rate meter wobbles like a real bus.
  const tick = () => {
    oneEvent();
    later((-Math.log(1 - rnd()) / rate) * 1000, tick);
  };
  later(200, tick);

  // A merge train: the gate pipeline reports and merges a queue of changes for one project within ~1 s,
  // 30-80 messages (Verified+2, change-merged, ref-updated per change) that test burst handling.
  const burst = () => {
    const project = pick(PROJECTS);
    // Three messages per change: the gate report, change-merged and ref-updated.
    const changeCount = Math.round(int(30, 80) / 3);
    const queue = changes.filter((c) => c.project === project).slice(0, changeCount);
    while (queue.length < changeCount) queue.push(newChange(project));
    const train = queue.flatMap((c) => [() => zuulReport(c, 'gate', true), () => changeMerged(c)]);
    const gap = 1000 / train.length;
    train.forEach((fn, i) => {
      later(i * gap, fn);
    });
    later(burstEvery * 1000 * (0.75 + rnd() * 0.5), burst);
  };
  if (burstEvery > 0) later(burstEvery * 1000 * (0.5 + rnd() * 0.5), burst);

  return {
    stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}
