import { useState } from 'react';
import { EmbedDialog } from '../embed/EmbedDialog';
import { boundedLinkFor, fullViewFromState } from '../session/currentView';
import { useFirehose, useSession } from '../session/SessionContext';
import { copyText } from '../ui/copyText';
import { describeBoundedLink } from '../url/boundLink';
import type { Theme } from '../url/viewState';

/** Theme, Copy link and Embed: the view-level tools in the top bar. */
export function ViewTools() {
  const session = useSession();
  const theme = useFirehose((s) => s.theme);
  const [copied, setCopied] = useState('');
  const [embedOpen, setEmbedOpen] = useState(false);

  const copyLink = async () => {
    const link = boundedLinkFor(fullViewFromState(session.store.getState()));
    const ok = await copyText(link.href);
    setCopied(ok ? (link.dropped.length > 0 ? 'Shortened link copied' : 'Link copied') : '');
    if (ok) setTimeout(() => setCopied(''), 2000);
    if (ok && link.dropped.length > 0) {
      // A notice, not the 2-second "Link copied": the user has to learn the link is not the whole view.
      const text = describeBoundedLink(link, 'Copied');
      const { notices, notify } = session.store.getState();
      if (!notices.some((n) => n.text === text)) notify('warning', text);
    }
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
        {copied}
      </span>
      {embedOpen && <EmbedDialog onClose={() => setEmbedOpen(false)} />}
    </div>
  );
}
