import type { ReactNode } from 'react';
import { formatBytes, formatRate } from '../payload/format';
import { useFirehose, useSession } from '../session/SessionContext';
import { Sparkline, useSampledHistory } from '../ui/Sparkline';

/**
 * One figure: a group named by its label, so tests and assistive technology find it as "Messages
 * received" etc. (role group takes an author name; the old <dd aria-labelledby> relied on ARIA 1.2's
 * naming of `definition`, which validators and Biome reject).
 */
function Figure({
  id,
  label,
  title,
  className,
  testId,
  children,
}: {
  id: string;
  label: string;
  title?: string;
  className?: string;
  testId?: string;
  children: ReactNode;
}) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a <fieldset> is for form controls; this groups a figure with its label
    <div role="group" aria-labelledby={id} className={className ? `figure ${className}` : 'figure'}>
      <span id={id} title={title}>
        {label}
      </span>{' '}
      <strong data-testid={testId}>{children}</strong>
    </div>
  );
}

/** Throughput and buffer health. Re-renders once per frame at most, with the stats. */
export function StatusBar() {
  const session = useSession();
  const stats = useFirehose((s) => s.stats);
  const capacity = useFirehose((s) => s.capacity);
  const paused = useFirehose((s) => s.paused);
  const fill = Math.min(100, Math.round((stats.buffered / capacity) * 100));
  const history = useSampledHistory(() => ({ rate: session.store.getState().stats.perSecond }));
  return (
    <footer className="status-bar">
      <Figure id="stat-received" label="Messages received" testId="messages-received">
        {stats.received}
      </Figure>
      <Figure id="stat-rate" label="Messages/s">
        {formatRate(stats.perSecond)}
      </Figure>
      <Sparkline values={history.rate ?? []} label="Messages/s" />
      <Figure id="stat-buffered" label="Buffered">
        <span title={`${formatBytes(stats.bufferedBytes)} of payload in memory`}>
          {stats.buffered.toLocaleString('en-US')} / {capacity.toLocaleString('en-US')} ({fill}%)
        </span>
      </Figure>
      <Figure id="stat-evicted" label="Evicted" className={stats.evicted > 0 ? 'evicted' : undefined}>
        {stats.evicted.toLocaleString('en-US')}
      </Figure>
      {stats.narrowedOut > 0 && (
        <Figure
          id="stat-narrowed"
          label="Outside patterns"
          title="Delivered for a broader wire filter, outside every AMQP pattern"
        >
          {stats.narrowedOut.toLocaleString('en-US')}
        </Figure>
      )}
      {paused && <span className="paused-flag">View paused — still receiving</span>}
    </footer>
  );
}
