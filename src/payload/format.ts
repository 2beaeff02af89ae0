/**
 * Small, locale-stable formatters for sizes, timestamps and rates shown in the log and status bar.
 *
 * Numbers are formatted with a fixed 'en-US' locale on purpose: the UI is English and tests (and
 * screenshots) must not change with the machine's locale.
 */

// Decimal (SI) units, as browsers' network panels use; 1 kB = 1000 B.
const UNITS = ['kB', 'MB', 'GB', 'TB', 'PB'] as const;

/** `0 B`, `512 B`, `1.5 kB`, `2.0 MB`: whole bytes below 1 kB, one decimal from kB up. */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n)) return '? B';
  const sign = n < 0 ? '-' : '';
  const abs = Math.abs(n);
  if (abs < 1000) {
    // 999.6 would round to "1000 B"; promote it so the unit, not the digits, grows.
    const whole = Math.round(abs);
    if (whole < 1000) return `${sign}${whole} B`;
  }
  let value = abs / 1000;
  let unit = 0;
  // Compare the *rounded* value so 999_960 B reads "1.0 MB" rather than "1000.0 kB".
  while (Math.round(value * 10) / 10 >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${sign}${value.toFixed(1)} ${UNITS[unit]}`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Local wall-clock time with milliseconds, `HH:MM:SS.mmm`; the date is left to the row tooltip. */
export function formatTime(ms: number): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return '--:--:--.---';
  return `${pad(d.getHours(), 2)}:${pad(d.getMinutes(), 2)}:${pad(d.getSeconds(), 2)}.${pad(d.getMilliseconds(), 3)}`;
}

// One shared formatter: constructing Intl.NumberFormat costs tens of microseconds, and the status bar
// formats rates several times a second.
const RATE_FORMAT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** Messages per second as a grouped integer: `0`, `12`, `1,234`. Negative or non-finite rates read `0`. */
export function formatRate(perSecond: number): string {
  if (!Number.isFinite(perSecond) || perSecond <= 0) return '0';
  return RATE_FORMAT.format(Math.round(perSecond));
}

/** Time since an event, short: `0 s`, `42 s`, `5 min`, `3 h`, `2 d`. Negative ages (clock skew) read `0 s`. */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h`;
  return `${Math.floor(s / 86_400)} d`;
}

const COUNT_FORMAT = new Intl.NumberFormat('en-US');

/** A count with grouping: `1,204`. */
export function formatCount(n: number): string {
  return COUNT_FORMAT.format(n);
}

const FINE_RATE_FORMAT = new Intl.NumberFormat('en-US', {
  maximumFractionDigits: 1,
  minimumFractionDigits: 1,
});

/** A topic's rate with one decimal below 100 msgs/s (`0.3`, `3.2`), whole above (`1,250`). */
export function formatTopicRate(perSecond: number): string {
  if (!Number.isFinite(perSecond) || perSecond <= 0) return '0';
  return perSecond < 100 ? FINE_RATE_FORMAT.format(perSecond) : formatRate(perSecond);
}
