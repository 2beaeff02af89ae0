import { type FormEvent, useId, useState } from 'react';
import {
  BASE_COLUMNS,
  type BaseColumn,
  checkFieldPath,
  checkHighlightRule,
  HIGHLIGHT_COLORS,
  type HighlightColor,
  type LogDisplay,
  MAX_FIELD_COLUMNS,
  MAX_HIGHLIGHT_RULES,
  type TimeFormat,
} from '../payload/logDisplay';
import { BUILTIN_SUMMARIES } from '../payload/summary/builtin';
import { checkSummaryRule, MAX_SUMMARY_RULES } from '../payload/summary/summarize';
import { useFirehose, useSession } from '../session/SessionContext';
import { topicSyntax } from '../topics/syntax';

const COLUMN_LABELS: Record<BaseColumn, string> = {
  time: 'Time',
  topic: 'Topic',
  summary: 'Message',
  size: 'Size',
  flags: 'Flags',
};

function useDisplay(): [LogDisplay, (patch: Partial<LogDisplay>) => void] {
  const session = useSession();
  const display = useFirehose((s) => s.display);
  return [display, (patch) => session.store.getState().setDisplay(patch)];
}

/** How the log shows messages: raw or summaries, time format, columns, summary templates, highlights. */
export function LogSetup() {
  const [display, setDisplay] = useDisplay();
  return (
    <div className="log-setup">
      <label className="check">
        <input
          type="checkbox"
          checked={display.showRaw}
          onChange={(e) => setDisplay({ showRaw: e.target.checked })}
        />
        Show raw payloads
      </label>
      <label className="field inline">
        Time
        <select value={display.time} onChange={(e) => setDisplay({ time: e.target.value as TimeFormat })}>
          <option value="local">Local</option>
          <option value="utc">UTC</option>
          <option value="relative">Relative</option>
        </select>
      </label>
      <ColumnsMenu />
      <SummariesMenu />
      <HighlightsMenu />
    </div>
  );
}

function ColumnsMenu() {
  const [display, setDisplay] = useDisplay();
  const [path, setPath] = useState('');
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();
  const add = (e: FormEvent) => {
    e.preventDefault();
    const f = path.trim();
    const bad =
      checkFieldPath(f) ??
      (display.fields.includes(f) ? `${f} is already a column` : null) ??
      (display.fields.length >= MAX_FIELD_COLUMNS ? `At most ${MAX_FIELD_COLUMNS} field columns` : null);
    setError(bad);
    if (bad) return;
    setDisplay({ fields: [...display.fields, f] });
    setPath('');
  };
  return (
    <details className="log-menu">
      <summary>Columns</summary>
      <div className="log-menu-panel">
        <fieldset>
          <legend>Visible columns</legend>
          {BASE_COLUMNS.map((c) => (
            <label key={c} className="check">
              <input
                type="checkbox"
                checked={!display.hidden.includes(c)}
                onChange={(e) =>
                  setDisplay({
                    hidden: e.target.checked ? display.hidden.filter((h) => h !== c) : [...display.hidden, c],
                  })
                }
              />
              {COLUMN_LABELS[c]}
            </label>
          ))}
        </fieldset>
        {display.fields.length > 0 && (
          <ul aria-label="Field columns" className="plain-list">
            {display.fields.map((f) => (
              <li key={f}>
                <code>{f}</code>{' '}
                <button
                  type="button"
                  aria-label={`Remove column ${f}`}
                  onClick={() => setDisplay({ fields: display.fields.filter((x) => x !== f) })}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
        )}
        <form onSubmit={add} className="inline-form">
          <label className="field">
            JSON field
            <input
              value={path}
              placeholder="payload.change.project"
              aria-invalid={error !== null}
              aria-describedby={error ? errorId : undefined}
              onChange={(e) => setPath(e.target.value)}
            />
          </label>
          <button type="submit">Add column</button>
        </form>
        {error && (
          <p id={errorId} className="inline-error" role="alert">
            {error}
          </p>
        )}
      </div>
    </details>
  );
}

function SummariesMenu() {
  const [display, setDisplay] = useDisplay();
  const syntax = topicSyntax(useFirehose((s) => s.syntax));
  const [pattern, setPattern] = useState('');
  const [template, setTemplate] = useState('');
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();
  const add = (e: FormEvent) => {
    e.preventDefault();
    const rule = { pattern: pattern.trim(), template };
    const bad =
      checkSummaryRule(rule, syntax) ??
      (display.summaries.length >= MAX_SUMMARY_RULES ? `At most ${MAX_SUMMARY_RULES} templates` : null);
    setError(bad);
    if (bad) return;
    setDisplay({ summaries: [...display.summaries, rule] });
    setPattern('');
    setTemplate('');
  };
  return (
    <details className="log-menu">
      <summary>Summaries</summary>
      <div className="log-menu-panel">
        <p className="hint">
          Built in: {BUILTIN_SUMMARIES.map((b) => b.name).join('; ')}. Your templates come first; placeholders
          are <code>{'{payload.a.b}'}</code>, <code>{'{topic}'}</code> and <code>{'{topic[1]}'}</code>.
        </p>
        {display.summaries.length > 0 && (
          <ul aria-label="Summary templates" className="plain-list">
            {display.summaries.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the same pattern may have several templates
              <li key={i}>
                <code>{r.pattern}</code> → <code>{r.template}</code>{' '}
                <button
                  type="button"
                  aria-label={`Remove template for ${r.pattern}`}
                  onClick={() => setDisplay({ summaries: display.summaries.filter((_, j) => j !== i) })}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
        )}
        <form onSubmit={add} className="inline-form">
          <label className="field">
            Topic pattern
            <input value={pattern} placeholder="sensors/+" onChange={(e) => setPattern(e.target.value)} />
          </label>
          <label className="field">
            Summary template
            <input
              value={template}
              placeholder="{topic[1]} is {payload.temp} °C"
              aria-invalid={error !== null}
              aria-describedby={error ? errorId : undefined}
              onChange={(e) => setTemplate(e.target.value)}
            />
          </label>
          <button type="submit">Add template</button>
        </form>
        {error && (
          <p id={errorId} className="inline-error" role="alert">
            {error}
          </p>
        )}
      </div>
    </details>
  );
}

function HighlightsMenu() {
  const [display, setDisplay] = useDisplay();
  const syntax = topicSyntax(useFirehose((s) => s.syntax));
  const [filter, setFilter] = useState('');
  const [color, setColor] = useState<HighlightColor>('red');
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();
  const add = (e: FormEvent) => {
    e.preventDefault();
    const rule = { filter: filter.trim(), color };
    const bad =
      checkHighlightRule(rule, syntax) ??
      (display.highlights.length >= MAX_HIGHLIGHT_RULES ? `At most ${MAX_HIGHLIGHT_RULES} rules` : null);
    setError(bad);
    if (bad) return;
    setDisplay({ highlights: [...display.highlights, rule] });
    setFilter('');
  };
  return (
    <details className="log-menu">
      <summary>Highlights</summary>
      <div className="log-menu-panel">
        {display.highlights.length > 0 && (
          <ul aria-label="Highlight rules" className="plain-list">
            {display.highlights.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the same filter may be listed with two colours
              <li key={i}>
                <span className={`swatch hl-${r.color}`} aria-hidden="true" /> {r.color}:{' '}
                <code>{r.filter}</code>{' '}
                <button
                  type="button"
                  aria-label={`Remove highlight ${r.filter}`}
                  onClick={() => setDisplay({ highlights: display.highlights.filter((_, j) => j !== i) })}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
        )}
        <form onSubmit={add} className="inline-form">
          <label className="field">
            Highlight filter
            <input
              value={filter}
              placeholder="payload.result=failed"
              aria-invalid={error !== null}
              aria-describedby={error ? errorId : undefined}
              onChange={(e) => setFilter(e.target.value)}
            />
          </label>
          <label className="field">
            Colour
            <select value={color} onChange={(e) => setColor(e.target.value as HighlightColor)}>
              {HIGHLIGHT_COLORS.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">Add highlight</button>
        </form>
        {error && (
          <p id={errorId} className="inline-error" role="alert">
            {error}
          </p>
        )}
      </div>
    </details>
  );
}
