import { type FormEvent, type ReactNode, useId, useState } from 'react';
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

/** The error wiring for a rule form's main input, from `RuleMenu`. */
interface InvalidProps {
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
}

/**
 * One of the log's rule menus (columns, summary templates, highlights): a disclosure with what is set,
 * each removable by a button named `Remove …`, and a form that adds one, or says why not (`add` returns
 * the reason) next to its main input.
 */
function RuleMenu<T>({
  title,
  intro,
  listLabel,
  rules,
  show,
  removeLabel,
  onRemove,
  fields,
  submit,
  add,
}: {
  title: string;
  intro?: ReactNode;
  listLabel: string;
  rules: readonly T[];
  show: (rule: T) => ReactNode;
  removeLabel: (rule: T) => string;
  onRemove: (index: number) => void;
  fields: (invalid: InvalidProps) => ReactNode;
  submit: string;
  /** Adds the rule from the form, or returns why it cannot. */
  add: () => string | null;
}) {
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setError(add());
  };
  return (
    <details className="log-menu">
      <summary>{title}</summary>
      <div className="log-menu-panel">
        {intro}
        {rules.length > 0 && (
          <ul aria-label={listLabel} className="plain-list">
            {rules.map((rule, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the same rule may be listed twice (a pattern with two templates)
              <li key={i}>
                {show(rule)}{' '}
                <button type="button" aria-label={removeLabel(rule)} onClick={() => onRemove(i)}>
                  Remove
                </button>
              </li>
            ))}
          </ul>
        )}
        <form onSubmit={onSubmit} className="inline-form">
          {fields({ 'aria-invalid': error !== null, 'aria-describedby': error ? errorId : undefined })}
          <button type="submit">{submit}</button>
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

const without = <T,>(list: readonly T[], index: number) => list.filter((_, j) => j !== index);

function ColumnsMenu() {
  const [display, setDisplay] = useDisplay();
  const [path, setPath] = useState('');
  const add = () => {
    const f = path.trim();
    const bad =
      checkFieldPath(f) ??
      (display.fields.includes(f) ? `${f} is already a column` : null) ??
      (display.fields.length >= MAX_FIELD_COLUMNS ? `At most ${MAX_FIELD_COLUMNS} field columns` : null);
    if (bad) return bad;
    setDisplay({ fields: [...display.fields, f] });
    setPath('');
    return null;
  };
  return (
    <RuleMenu
      title="Columns"
      intro={
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
      }
      listLabel="Field columns"
      rules={display.fields}
      show={(f) => <code>{f}</code>}
      removeLabel={(f) => `Remove column ${f}`}
      onRemove={(i) => setDisplay({ fields: without(display.fields, i) })}
      fields={(invalid) => (
        <label className="field">
          JSON field
          <input
            value={path}
            placeholder="payload.change.project"
            {...invalid}
            onChange={(e) => setPath(e.target.value)}
          />
        </label>
      )}
      submit="Add column"
      add={add}
    />
  );
}

function SummariesMenu() {
  const [display, setDisplay] = useDisplay();
  const syntax = topicSyntax(useFirehose((s) => s.syntax));
  const [pattern, setPattern] = useState('');
  const [template, setTemplate] = useState('');
  const add = () => {
    const rule = { pattern: pattern.trim(), template };
    const bad =
      checkSummaryRule(rule, syntax) ??
      (display.summaries.length >= MAX_SUMMARY_RULES ? `At most ${MAX_SUMMARY_RULES} templates` : null);
    if (bad) return bad;
    setDisplay({ summaries: [...display.summaries, rule] });
    setPattern('');
    setTemplate('');
    return null;
  };
  return (
    <RuleMenu
      title="Summaries"
      intro={
        <p className="hint">
          Built in: {BUILTIN_SUMMARIES.map((b) => b.name).join('; ')}. Your templates come first; placeholders
          are <code>{'{payload.a.b}'}</code>, <code>{'{topic}'}</code> and <code>{'{topic[1]}'}</code>.
        </p>
      }
      listLabel="Summary templates"
      rules={display.summaries}
      show={(r) => (
        <>
          <code>{r.pattern}</code> → <code>{r.template}</code>
        </>
      )}
      removeLabel={(r) => `Remove template for ${r.pattern}`}
      onRemove={(i) => setDisplay({ summaries: without(display.summaries, i) })}
      fields={(invalid) => (
        <>
          <label className="field">
            Topic pattern
            <input value={pattern} placeholder="sensors/+" onChange={(e) => setPattern(e.target.value)} />
          </label>
          <label className="field">
            Summary template
            <input
              value={template}
              placeholder="{topic[1]} is {payload.temp} °C"
              {...invalid}
              onChange={(e) => setTemplate(e.target.value)}
            />
          </label>
        </>
      )}
      submit="Add template"
      add={add}
    />
  );
}

function HighlightsMenu() {
  const [display, setDisplay] = useDisplay();
  const syntax = topicSyntax(useFirehose((s) => s.syntax));
  const [filter, setFilter] = useState('');
  const [color, setColor] = useState<HighlightColor>('red');
  const add = () => {
    const rule = { filter: filter.trim(), color };
    const bad =
      checkHighlightRule(rule, syntax) ??
      (display.highlights.length >= MAX_HIGHLIGHT_RULES ? `At most ${MAX_HIGHLIGHT_RULES} rules` : null);
    if (bad) return bad;
    setDisplay({ highlights: [...display.highlights, rule] });
    setFilter('');
    return null;
  };
  return (
    <RuleMenu
      title="Highlights"
      listLabel="Highlight rules"
      rules={display.highlights}
      show={(r) => (
        <>
          <span className={`swatch hl-${r.color}`} aria-hidden="true" /> {r.color}: <code>{r.filter}</code>
        </>
      )}
      removeLabel={(r) => `Remove highlight ${r.filter}`}
      onRemove={(i) => setDisplay({ highlights: without(display.highlights, i) })}
      fields={(invalid) => (
        <>
          <label className="field">
            Highlight filter
            <input
              value={filter}
              placeholder="payload.result=failed"
              {...invalid}
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
        </>
      )}
      submit="Add highlight"
      add={add}
    />
  );
}
