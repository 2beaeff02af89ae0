import { useFirehose, useSession } from '../session/SessionContext';

/** Warnings about ignored input (link parameters, config.json, saved settings), dismissible. */
export function Notices() {
  const session = useSession();
  const notices = useFirehose((s) => s.notices);
  if (notices.length === 0) return null;
  return (
    <ul className="notices" aria-label="Notices">
      {notices.map((n) => (
        <li key={n.id} className={`notice notice-${n.level}`}>
          <span>{n.text}</span>
          <button
            type="button"
            className="icon"
            aria-label="Dismiss notice"
            onClick={() => session.store.getState().dismissNotice(n.id)}
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
