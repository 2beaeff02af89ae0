import { formatBytes, formatRate } from '../payload/format';
import { useFirehose } from '../session/SessionContext';

// Each figure is a <dd> named by its <dt> through aria-labelledby, so tests and assistive technology
// find it as "Messages received" etc. ARIA 1.2 allows author names on the `definition` role; Biome's
// useAriaPropsSupportedByRole does not know that yet, hence the suppressions below.

/** Throughput and buffer health. Re-renders once per frame at most, with the stats. */
export function StatusBar() {
  const stats = useFirehose((s) => s.stats);
  const capacity = useFirehose((s) => s.capacity);
  const paused = useFirehose((s) => s.paused);
  const fill = Math.min(100, Math.round((stats.buffered / capacity) * 100));
  return (
    <footer className="status-bar">
      <dl>
        <dt id="stat-received">Messages received</dt>
        {/* biome-ignore lint/a11y/useAriaPropsSupportedByRole: see the note at the top of the file */}
        <dd aria-labelledby="stat-received" data-testid="messages-received">
          {stats.received}
        </dd>
        <dt id="stat-rate">Messages/s</dt>
        {/* biome-ignore lint/a11y/useAriaPropsSupportedByRole: see the note at the top of the file */}
        <dd aria-labelledby="stat-rate">{formatRate(stats.perSecond)}</dd>
        <dt id="stat-buffered">Buffered</dt>
        {/* biome-ignore lint/a11y/useAriaPropsSupportedByRole: see the note at the top of the file */}
        <dd
          aria-labelledby="stat-buffered"
          title={`${formatBytes(stats.bufferedBytes)} of payload in memory`}
        >
          {stats.buffered.toLocaleString('en-US')} / {capacity.toLocaleString('en-US')} ({fill}%)
        </dd>
        <dt id="stat-evicted">Evicted</dt>
        {/* biome-ignore lint/a11y/useAriaPropsSupportedByRole: see the note at the top of the file */}
        <dd aria-labelledby="stat-evicted" className={stats.evicted > 0 ? 'evicted' : undefined}>
          {stats.evicted.toLocaleString('en-US')}
        </dd>
        {stats.narrowedOut > 0 && (
          <>
            <dt id="stat-narrowed" title="Delivered for a broader wire filter, outside every AMQP pattern">
              Outside patterns
            </dt>
            {/* biome-ignore lint/a11y/useAriaPropsSupportedByRole: see the note at the top of the file */}
            <dd aria-labelledby="stat-narrowed">{stats.narrowedOut.toLocaleString('en-US')}</dd>
          </>
        )}
      </dl>
      {paused && <span className="paused-flag">View paused — still receiving</span>}
    </footer>
  );
}
