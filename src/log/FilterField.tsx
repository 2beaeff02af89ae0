import { useEffect, useId, useRef, useState } from 'react';
import { formatCount } from '../payload/format';
import { useFirehose, useSession } from '../session/SessionContext';

const FILTER_DEBOUNCE_MS = 150;
/** Characters of the query shown on each side of an error, so the marker has context. */
const ERROR_CONTEXT = 24;

/** Examples for the help, each matching something in the demo stream (`npm start`). */
function examples(amqp: boolean): Array<[string, string]> {
  return [
    ['merged nova', 'all words, anywhere in topic, payload or properties'],
    ['"Code-Review+2"', 'a phrase'],
    ['(merged OR abandoned) -zuul', 'OR, parentheses, exclude'],
    [amqp ? 'topic:gerrit.openstack.#' : 'topic:gerrit/openstack/#', 'topic filter, in the topic syntax'],
    ['payload.change.project=openstack/nova', 'JSON field equals'],
    ['payload.author.name~smith', 'JSON field contains (any case)'],
    ['payload.patchSet.number>3', 'JSON number compare (<, >, <=, >=, !=)'],
    ['payload.approvals[].type=Code-Review', 'any array element'],
    ['has:payload.comment', 'JSON field present'],
    ['/Verified[+-][12]/', 'regular expression'],
    ['retained:yes', 'retained messages'],
    ['qos:1 size>1000 age<5m', 'QoS, payload bytes, age'],
  ];
}

/**
 * `Filter messages`: the query box, its error at the position it names, the count of matching
 * messages while a pass runs through the buffer, and a `?` with the syntax and examples.
 */
export function FilterField() {
  const session = useSession();
  const filterText = useFirehose((s) => s.filterText);
  const filterError = useFirehose((s) => s.filterError);
  const search = useFirehose((s) => s.search);
  const syntax = useFirehose((s) => s.syntax);
  const [text, setText] = useState(filterText);
  const [helpOpen, setHelpOpen] = useState(false);
  const helpButton = useRef<HTMLButtonElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const helpId = useId();

  useEffect(() => setText(filterText), [filterText]);

  // Debounced: a pass over a full buffer starts at most once per pause in typing.
  useEffect(() => {
    const { filterText: applied, filterError: error } = session.store.getState();
    if (text === applied && !error) return;
    const timer = setTimeout(() => session.log.setFilter(text), FILTER_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, session]);

  const showError = filterError !== null && filterError.input === text;
  const closeHelp = () => {
    setHelpOpen(false);
    helpButton.current?.focus();
  };

  return (
    <div className="field grow filter-field">
      <label htmlFor="log-filter">Filter messages</label>
      <div className="filter-input-row">
        <input
          ref={input}
          id="log-filter"
          className="filter-input"
          type="search"
          spellCheck={false}
          placeholder={`text, "a phrase", -exclude, OR, ${syntax === 'amqp' ? 'topic:pulp.*.*.*.finish' : 'topic:gerrit/+/+/change-merged'}, payload.change.project=…`}
          value={text}
          aria-invalid={showError}
          aria-describedby={showError ? 'log-filter-error' : undefined}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') session.log.setFilter(text);
          }}
          // Leaving the box applies at once: "Copy link" right after typing must include the filter.
          onBlur={() => {
            if (text !== session.store.getState().filterText) session.log.setFilter(text);
          }}
        />
        <button
          ref={helpButton}
          type="button"
          className="icon help"
          aria-label="Filter syntax help"
          aria-expanded={helpOpen}
          aria-controls={helpId}
          onClick={() => setHelpOpen((v) => !v)}
        >
          ?
        </button>
      </div>
      {showError && filterError && (
        <p id="log-filter-error" className="inline-error" role="alert">
          {filterError.message}
          {filterError.input.length > 0 && (
            <>
              {' '}
              <code className="error-at">
                {filterError.start > ERROR_CONTEXT ? '…' : ''}
                {filterError.input.slice(Math.max(0, filterError.start - ERROR_CONTEXT), filterError.start)}
                <mark>
                  {filterError.input.slice(
                    filterError.start,
                    Math.max(filterError.end, filterError.start + 1),
                  ) || ' '}
                </mark>
                {filterError.input.slice(
                  Math.max(filterError.end, filterError.start + 1),
                  filterError.end + ERROR_CONTEXT,
                )}
              </code>{' '}
              (the last valid filter stays applied)
            </>
          )}
        </p>
      )}
      {search && (
        <dl className="filter-count">
          <dt id="stat-matching">Matching messages</dt>
          {/* biome-ignore lint/a11y/useAriaPropsSupportedByRole: ARIA 1.2 allows author names on definition; see StatusBar */}
          <dd aria-labelledby="stat-matching">
            {formatCount(search.matching)} of {formatCount(search.total)}
            {search.pending && search.total > 0
              ? ` · searching ${Math.floor((search.scanned / search.total) * 100)}%`
              : ''}
          </dd>
        </dl>
      )}
      {helpOpen && (
        <div
          id={helpId}
          className="filter-help"
          role="dialog"
          aria-label="Filter syntax"
          onKeyDown={(e) => {
            if (e.key === 'Escape') closeHelp();
          }}
        >
          <p>Click an example to use it. Terms are ANDed; OR (upper case) and parentheses group.</p>
          <ul>
            {examples(syntax === 'amqp').map(([example, meaning]) => (
              <li key={example}>
                <button
                  type="button"
                  className="example"
                  onClick={() => {
                    setText(example);
                    session.log.setFilter(example);
                    setHelpOpen(false);
                    input.current?.focus();
                  }}
                >
                  <code>{example}</code>
                </button>{' '}
                {meaning}
              </li>
            ))}
          </ul>
          <button type="button" onClick={closeHelp}>
            Close
          </button>
        </div>
      )}
    </div>
  );
}
