import { useState } from 'react';
import { EmbedDialog } from '../embed/EmbedDialog';
import { linkFor, viewFromState } from '../session/currentView';
import { useFirehose, useSession } from '../session/SessionContext';
import { copyText } from '../ui/copyText';
import type { Theme } from '../url/viewState';

/** Theme, Copy link and Embed: the view-level tools in the top bar. */
export function ViewTools() {
  const session = useSession();
  const theme = useFirehose((s) => s.theme);
  const [copied, setCopied] = useState(false);
  const [embedOpen, setEmbedOpen] = useState(false);

  const copyLink = async () => {
    const ok = await copyText(linkFor(viewFromState(session.store.getState())));
    setCopied(ok);
    if (ok) setTimeout(() => setCopied(false), 2000);
  };

  return (
    <div className="view-tools">
      <div className="field">
        <label htmlFor="theme">Theme</label>
        <select
          id="theme"
          value={theme}
          onChange={(e) => session.store.getState().setTheme(e.target.value as Theme)}
        >
          <option value="auto">Auto</option>
          <option value="light">Light</option>
          <option value="dark">Dark</option>
        </select>
      </div>
      <button type="button" onClick={() => void copyLink()}>
        Copy link
      </button>
      <button type="button" onClick={() => setEmbedOpen(true)}>
        Embed
      </button>
      <span className="copied" aria-live="polite">
        {copied ? 'Link copied' : ''}
      </span>
      {embedOpen && <EmbedDialog onClose={() => setEmbedOpen(false)} />}
    </div>
  );
}
