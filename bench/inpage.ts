// Scripts injected into every page the benchmark opens (Page.addScriptToEvaluateOnNewDocument), as source
// strings. They run before the page's own scripts and cost one rAF callback per frame.

/**
 * `window.__benchRec`: a requestAnimationFrame recorder of frame intervals and a PerformanceObserver for
 * 'longtask' entries. `reset()` starts a new window; `snapshot()` summarises it in the page (so only a few
 * numbers cross the protocol).
 */
export const RECORDER = `(() => {
  if (window.__benchRec) return;
  let frames = [];
  let last = 0;
  let longCount = 0;
  let longMs = 0;
  const onFrame = (t) => {
    if (last) frames.push(t - last);
    last = t;
    requestAnimationFrame(onFrame);
  };
  requestAnimationFrame(onFrame);
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        longCount++;
        longMs += e.duration;
      }
    }).observe({ type: 'longtask' });
  } catch {}
  const pick = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : null);
  Object.defineProperty(window, '__benchRec', {
    value: Object.freeze({
      reset() {
        frames = [];
        last = 0;
        longCount = 0;
        longMs = 0;
      },
      snapshot() {
        const sorted = frames.slice().sort((a, b) => a - b);
        // A page frozen right now has not produced its next frame: count the open gap in the maximum.
        const open = last ? performance.now() - last : 0;
        return {
          frames: frames.length,
          p50: pick(sorted, 50),
          p95: pick(sorted, 95),
          max: Math.max(sorted.at(-1) ?? 0, open),
          longCount,
          longMs,
        };
      },
    }),
  });
})();`;

/**
 * `window.__benchFirstRow`: performance.now() (ms since navigation start) when the first log row
 * (\`[role="log"] [data-seq]\`) entered the DOM. Installed only for the time-to-first-message runs.
 */
export const FIRST_ROW_WATCH = `(() => {
  const seen = () => document.querySelector('[role="log"] [data-seq]');
  const mo = new MutationObserver(() => {
    if (seen()) {
      window.__benchFirstRow = performance.now();
      mo.disconnect();
    }
  });
  mo.observe(document, { childList: true, subtree: true });
})();`;

/** The app's "Messages received" figure as a user sees it: the element labelled by that text. */
export const READ_APP_RECEIVED = `(() => {
  let el = null;
  for (const dt of document.querySelectorAll('[id]')) {
    if (dt.textContent.trim() === 'Messages received') {
      el = document.querySelector('[aria-labelledby~="' + CSS.escape(dt.id) + '"]');
      if (el) break;
    }
  }
  // The labelled element may be a group holding its label too: read the figure inside it.
  el = el?.querySelector('[data-testid="messages-received"]') ?? el;
  el ??= document.querySelector('[data-testid="messages-received"]');
  if (!el) return null;
  const n = Number(el.textContent.replace(/[\\s,.\\u00a0\\u202f]/g, ''));
  return Number.isFinite(n) ? n : null;
})()`;

/**
 * Evaluated (not injected) just before the tree scenario presses ArrowRight on the tree's active row:
 * installs `window.__benchExpand`, which records
 * - `key`: the ArrowRight keydown's `timeStamp` (when the browser created the event, so time the event
 *   waited for a busy main thread counts), seen by a capturing listener on window;
 * - `dom`: performance.now() when that row has `aria-expanded="true"` AND its first child row (the next
 *   row index, one `aria-level` deeper) is in the DOM, seen by a MutationObserver on the tree (with a rAF
 *   poll as a backstop);
 * - `frame`: performance.now() at the next animation frame after `dom` (≈ when it is painted).
 * Returns the active row's state, or `{ error }` when there is none.
 */
export const EXPAND_WATCH = `(() => {
  const tree = document.querySelector('[role="tree"]');
  const id = tree && tree.getAttribute('aria-activedescendant');
  const row = id && document.getElementById(id);
  if (!row) return { error: 'no active row (aria-activedescendant ' + id + ')' };
  const m = /^(.*-row-)(\\d+)$/.exec(id);
  if (!m) return { error: 'unexpected row id ' + id };
  const childId = m[1] + (Number(m[2]) + 1);
  const level = Number(row.getAttribute('aria-level'));
  const st = { key: null, handled: null, dom: null, frame: null };
  const onKey = (e) => {
    if (e.key === 'ArrowRight' && st.key === null) {
      st.key = e.timeStamp;
      st.handled = performance.now();
    }
  };
  window.addEventListener('keydown', onKey, true);
  const done = () => {
    const r = document.getElementById(id);
    if (!r || r.getAttribute('aria-expanded') !== 'true') return false;
    const c = document.getElementById(childId);
    return !!c && Number(c.getAttribute('aria-level')) === level + 1;
  };
  let mo = null;
  const finish = () => {
    if (st.dom !== null) return;
    st.dom = performance.now();
    mo?.disconnect();
    window.removeEventListener('keydown', onKey, true);
    requestAnimationFrame(() => {
      st.frame = performance.now();
    });
  };
  mo = new MutationObserver(() => {
    if (st.key !== null && done()) finish();
  });
  mo.observe(tree, { subtree: true, childList: true, attributes: true });
  const poll = () => {
    if (st.dom !== null) return;
    if (st.key !== null && done()) finish();
    else requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
  window.__benchExpand = st;
  return { level, expanded: row.getAttribute('aria-expanded'), label: row.getAttribute('aria-label') };
})()`;

/** The tree's active row's `aria-expanded` ("true" / "false"), or null without an active row. */
export const ACTIVE_ROW_EXPANDED = `(() => {
  const tree = document.querySelector('[role="tree"]');
  const id = tree && tree.getAttribute('aria-activedescendant');
  const row = id && document.getElementById(id);
  return row ? row.getAttribute('aria-expanded') : null;
})()`;

/** Is the topic tree there and on screen? Its size and the rows it renders. */
export const TREE_PROBE = `(() => {
  const tree = document.querySelector('[role="tree"][aria-label="Topic tree"]');
  if (!tree) return null;
  const r = tree.getBoundingClientRect();
  const style = getComputedStyle(tree);
  const visible = r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight && style.visibility !== 'hidden';
  return {
    visible,
    width: Math.round(r.width),
    height: Math.round(Math.min(r.bottom, innerHeight) - Math.max(r.top, 0)),
    rows: tree.querySelectorAll('[role="treeitem"]').length,
    topicsStat: typeof window.__firehoseStats?.topics === 'number',
  };
})()`;
