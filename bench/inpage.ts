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
  el ??= document.querySelector('[data-testid="messages-received"]');
  if (!el) return null;
  const n = Number(el.textContent.replace(/[\\s,.\\u00a0\\u202f]/g, ''));
  return Number.isFinite(n) ? n : null;
})()`;
