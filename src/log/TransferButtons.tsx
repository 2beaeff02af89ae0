import { type KeyboardEvent, useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useFirehose, useSession } from '../session/SessionContext';
import { useTransfer } from '../session/TransferContext';
import type { ExportScope } from '../session/transfer';

const count = (n: number) => n.toLocaleString('en-US');

/** Saves a Blob as an ordinary download: no dialog, the browser's download folder. */
function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // The download has its own reference once started; a minute covers a slow disk.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function hasFiles(e: DragEvent): boolean {
  return e.dataTransfer?.types.includes('Files') ?? false;
}

/**
 * Export (the filtered view or the whole buffer, as NDJSON) and Import (a file picker, or a file dropped
 * on the page), with progress while either runs. The work is the `TransferService` the app provides (useTransfer); this
 * only asks and shows.
 */
export function TransferButtons() {
  const session = useSession();
  const transfer = useTransfer();
  const state = useSyncExternalStore(transfer.subscribe, transfer.getState);
  const [menuOpen, setMenuOpen] = useState(false);
  // While the menu is open its counts follow the log; while closed, a flood does not re-render this.
  useFirehose((s) => (menuOpen ? s.viewVersion : 0));
  const [dragging, setDragging] = useState(false);
  const exportButton = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const busy = state.kind !== 'idle';

  const importFiles = useCallback(
    async (files: readonly File[]) => {
      for (const file of files) {
        const report = await transfer.importFile(file);
        if (report === null || report.outcome !== 'done') break;
      }
    },
    [transfer],
  );

  // Dropping a file anywhere on the page imports it: without this the browser would navigate to the
  // file and the session (and its buffer) would be gone.
  useEffect(() => {
    let depth = 0;
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth++;
      setDragging(true);
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      void importFiles([...(e.dataTransfer?.files ?? [])]);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [importFiles]);

  // A click anywhere else closes the menu, as menus do.
  useEffect(() => {
    if (!menuOpen) return;
    const close = (e: PointerEvent) => {
      const t = e.target as Node;
      if (!menu.current?.contains(t) && !exportButton.current?.contains(t)) setMenuOpen(false);
    };
    document.addEventListener('pointerdown', close);
    return () => document.removeEventListener('pointerdown', close);
  }, [menuOpen]);

  useEffect(() => {
    if (menuOpen) menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [menuOpen]);

  const closeMenu = () => {
    setMenuOpen(false);
    exportButton.current?.focus();
  };

  const runExport = async (scope: ExportScope) => {
    closeMenu();
    const file = await transfer.exportMessages(scope);
    if (file) download(file.blob, file.name);
    else session.notify('warning', 'Wait for the current import or export to finish.');
  };

  const onMenuKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    const go: Record<string, number> = {
      ArrowDown: (at + 1) % items.length,
      ArrowUp: (at - 1 + items.length) % items.length,
      Home: 0,
      End: items.length - 1,
    };
    if (e.key === 'Escape') {
      e.preventDefault();
      closeMenu();
    } else if (e.key === 'Tab') {
      setMenuOpen(false);
    } else if (go[e.key] !== undefined) {
      e.preventDefault();
      items[go[e.key] as number]?.focus();
    }
  };

  const openImport = () => {
    const refusal = transfer.importRefusal();
    if (refusal) session.notify('warning', refusal);
    else fileInput.current?.click();
  };

  // Counted only while the menu is open (a pass over the buffer).
  const counts = menuOpen ? transfer.counts() : null;

  const percent =
    state.kind === 'importing'
      ? Math.floor(state.fraction * 100)
      : state.kind === 'exporting'
        ? Math.floor((state.done / Math.max(1, state.total)) * 100)
        : 0;
  const imported = transfer.importedTotal;

  return (
    <div className="transfer">
      <div className="transfer-export">
        <button
          ref={exportButton}
          type="button"
          aria-haspopup="menu"
          aria-expanded={menuOpen}
          aria-controls={menuOpen ? 'export-menu' : undefined}
          onClick={() => setMenuOpen(!menuOpen)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' && !menuOpen) {
              e.preventDefault();
              setMenuOpen(true);
            }
          }}
        >
          Export
        </button>
        {counts && (
          <div
            id="export-menu"
            ref={menu}
            role="menu"
            aria-label="Export"
            className="menu"
            onKeyDown={onMenuKey}
          >
            <button
              type="button"
              role="menuitem"
              tabIndex={-1}
              aria-disabled={counts.shown === 0 && !counts.filtering}
              onClick={() => {
                if (counts.shown > 0 || counts.filtering) void runExport('shown');
              }}
            >
              {counts.filtering
                ? `Export the messages shown (filter still running: ${count(counts.shown)} so far)`
                : `Export the ${count(counts.shown)} ${counts.shown === 1 ? 'message' : 'messages'} shown`}
            </button>
            <button
              type="button"
              role="menuitem"
              tabIndex={-1}
              aria-disabled={counts.all === 0}
              onClick={() => {
                if (counts.all > 0) void runExport('all');
              }}
            >
              Export all {count(counts.all)} buffered
            </button>
          </div>
        )}
      </div>
      <button
        type="button"
        onClick={openImport}
        title="Load an .ndjson file written by Export to browse it offline (or drop one on the log)"
      >
        Import
      </button>
      <input
        ref={fileInput}
        type="file"
        hidden
        multiple
        accept=".ndjson,.jsonl,.json,.txt,application/x-ndjson,application/json,text/plain"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          // Cleared so picking the same file again fires `change` again.
          e.target.value = '';
          void importFiles(files);
        }}
      />
      {state.kind === 'idle' && imported > 0 && (
        <span className="transfer-note" title="Messages loaded from files; not counted as received">
          {count(imported)} imported
        </span>
      )}
      {busy && (
        <div className="transfer-progress">
          <progress
            aria-label={state.kind === 'importing' ? 'Import progress' : 'Export progress'}
            max={100}
            value={percent}
          />
          <span>
            {state.kind === 'importing' ? 'Importing' : 'Exporting'}… {percent}%
          </span>
          {state.kind === 'importing' && (
            <button type="button" className="small" onClick={() => transfer.cancel()}>
              Cancel import
            </button>
          )}
        </div>
      )}
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          Drop an .ndjson file to import it into the log
        </div>
      )}
    </div>
  );
}
