import { useEffect, useRef, useState } from 'react';
import { useSession } from '../session/SessionContext';
import {
  FILTER_INPUT,
  focusAfterInspector,
  focusFirst,
  isTypingTarget,
  LOG,
  LOG_TAB_STOP,
} from '../ui/focus';

export const SHORTCUTS: ReadonlyArray<[keys: string, action: string]> = [
  ['/', 'Focus Filter messages'],
  ['Space or p', 'Pause or resume the view (outside text fields)'],
  ['Escape', 'Close the inspector or a dialog'],
  ['?', 'Show these shortcuts'],
  ['↑ ↓ Page Up/Down Home End', 'Move between messages in the log'],
  ['Enter', 'Open the focused message in the inspector'],
  ['← →', 'Resize a focused panel separator'],
];

/** True while a modal dialog (Embed, credentials, these shortcuts) owns the keyboard. */
function modalOpen(): boolean {
  return document.querySelector('dialog[open]') !== null;
}

/**
 * Keyboard shortcuts for the whole page, and the `Keyboard shortcuts` dialog that lists them. The keys
 * never fire inside text fields, so typing `p` or `/` into a filter stays typing; Space also leaves
 * buttons and rows alone, where it already means "press".
 */
export function Shortcuts() {
  const session = useSession();
  const [open, setOpen] = useState(false);
  const opener = useRef<Element | null>(null);

  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      if (modalOpen() || isTypingTarget(e.target)) return;
      const target = e.target instanceof Element ? e.target : null;
      // Widgets with their own letters (the topic tree's type-ahead, menus) keep them.
      if (
        e.key.length === 1 &&
        target?.closest('[role="tree"], [role="listbox"], [role="menu"], [role="grid"]')
      )
        return;
      if (e.key === 'Escape') {
        // A disclosure with its own Escape (the filter syntax help) closes first.
        if (target?.closest('[role="dialog"]')) return;
        const { selectedSeq } = session.store.getState();
        if (selectedSeq === null) return;
        e.preventDefault();
        focusAfterInspector(selectedSeq);
        session.log.select(null);
        return;
      }
      if (e.key === '/') {
        e.preventDefault();
        focusFirst([FILTER_INPUT]);
        return;
      }
      if (e.key === '?') {
        e.preventDefault();
        opener.current = document.activeElement;
        setOpen(true);
        return;
      }
      const pressable = target?.closest(
        'button, a, summary, [role="button"], [role="tab"], [role="separator"]',
      );
      if (e.key === 'p' || (e.key === ' ' && !pressable)) {
        e.preventDefault();
        session.log.setPaused(!session.store.getState().paused);
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [session]);

  const onClose = () => {
    setOpen(false);
    const back = opener.current;
    opener.current = null;
    // Back where the user was, unless that was nowhere (the page body) or it has gone since.
    requestAnimationFrame(() => {
      if (back instanceof HTMLElement && back !== document.body && back.isConnected) back.focus();
      if (document.activeElement === document.body || document.activeElement === null) {
        focusFirst([LOG_TAB_STOP, LOG, FILTER_INPUT]);
      }
    });
  };

  return open ? <ShortcutsDialog onClose={onClose} /> : null;
}

function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  return (
    <dialog ref={ref} className="dialog shortcuts-dialog" aria-labelledby="shortcuts-title" onClose={onClose}>
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <table className="shortcuts">
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map(([keys, action]) => (
            <tr key={keys}>
              <td>
                <kbd>{keys}</kbd>
              </td>
              <td>{action}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="dialog-actions">
        <button type="button" onClick={() => ref.current?.close()}>
          Close
        </button>
      </div>
    </dialog>
  );
}
