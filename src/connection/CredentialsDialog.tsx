import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useFirehose, useSession } from '../session/SessionContext';
import { redactBrokerUrl } from '../url/brokerUrl';

/**
 * Links never carry credentials. When a broker (from a link or typed in) refuses the connection for
 * want of them, this modal asks; the password stays in memory only.
 */
export function CredentialsDialog() {
  const session = useSession();
  const connection = useFirehose((s) => s.connection);
  const url = useFirehose((s) => s.form.url);
  const ref = useRef<HTMLDialogElement>(null);
  const [username, setUsername] = useState('');
  // Uncontrolled, read on submit: a controlled input would mirror the password into its `value`
  // attribute, i.e. into the page's markup.
  const passwordRef = useRef<HTMLInputElement>(null);
  const open = connection.phase === 'error' && connection.authRequired === true;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setUsername(session.store.getState().form.username);
      if (passwordRef.current) passwordRef.current.value = '';
      dialog.showModal();
    } else if (!open && dialog.open) dialog.close();
  }, [open, session]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const input = passwordRef.current;
    session.store.getState().setForm({ username, password: input?.value ?? '' });
    if (input) input.value = ''; // the store holds it now; the dialog need not keep a copy
    ref.current?.close();
    session.connection.connect();
  };

  return (
    <dialog ref={ref} className="dialog" aria-labelledby="credentials-title">
      <form onSubmit={onSubmit}>
        <h2 id="credentials-title">Broker credentials</h2>
        <p>
          <code>{redactBrokerUrl(url)}</code> refused the connection: {connection.detail}. Enter the
          credentials it expects.
        </p>
        <div className="field">
          <label htmlFor="cred-username">Broker username</label>
          <input
            id="cred-username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="cred-password">Broker password</label>
          <input id="cred-password" type="password" autoComplete="current-password" ref={passwordRef} />
        </div>
        <div className="dialog-actions">
          <button type="button" onClick={() => ref.current?.close()}>
            Cancel
          </button>
          <button type="submit" className="primary">
            Sign in
          </button>
        </div>
      </form>
    </dialog>
  );
}
