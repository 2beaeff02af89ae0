import { createContext, useContext, useRef } from 'react';
import { fieldTerm, queryPath } from '../query/fieldTerm';
import { type JsonPath, pathKeys } from './jsonTreeModel';

/** What the tree's node actions share: which node's actions are open, and what to do. */
export interface NodeActionsApi {
  /** The query path of the node whose actions are open, or null. */
  open: string | null;
  setOpen: (path: string | null) => void;
  copyValue: (path: string, value: unknown) => void;
  copyPath: (path: string) => void;
  filterBy: (term: string) => void;
}

export const NodeActionsContext = createContext<NodeActionsApi | null>(null);

/**
 * A node's `⋯` button (named `Actions for payload.change.owner.email`) and, while pressed, its actions:
 * `Copy value`, `Copy path` and, for a scalar below the root, `Filter by this value`. One node's actions
 * are open at a time; Escape closes them and returns focus to the button.
 */
export function NodeActions({ path, value }: { path: JsonPath; value: unknown }) {
  const api = useContext(NodeActionsContext);
  const button = useRef<HTMLButtonElement>(null);
  if (!api) return null;
  // Computed per rendered row: O(depth), and the tree renders at most a few hundred rows.
  const keys = pathKeys(path);
  const label = queryPath(keys);
  const open = api.open === label;
  const term = fieldTerm(keys, value);
  const done = () => {
    api.setOpen(null);
    button.current?.focus();
  };
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: blur bubbles from the buttons inside; nothing to operate here
    <span
      className="j-actions-wrap"
      // Like a menu, the actions go when focus leaves them (a click elsewhere in the page).
      onBlur={(e) => {
        if (open && !e.currentTarget.contains(e.relatedTarget as Node | null)) api.setOpen(null);
      }}
    >
      <button
        ref={button}
        type="button"
        className="j-actions-button"
        aria-label={`Actions for ${label}`}
        aria-expanded={open}
        onClick={() => api.setOpen(open ? null : label)}
      >
        ⋯
      </button>
      {open && (
        // biome-ignore lint/a11y/useSemanticElements: a <fieldset> cannot sit inline in a tree row
        <span
          className="j-actions"
          role="group"
          aria-label={`Actions for ${label}`}
          onKeyDown={(e) => {
            if (e.key !== 'Escape') return;
            // The inspector closes on Escape; here Escape closes only these actions.
            e.stopPropagation();
            done();
          }}
        >
          <button
            type="button"
            onClick={() => {
              api.copyValue(label, value);
              done();
            }}
          >
            Copy value
          </button>
          <button
            type="button"
            onClick={() => {
              api.copyPath(label);
              done();
            }}
          >
            Copy path
          </button>
          {term !== null && (
            <button
              type="button"
              onClick={() => {
                api.filterBy(term);
                done();
              }}
            >
              Filter by this value
            </button>
          )}
        </span>
      )}
    </span>
  );
}
