import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useFirehose, useSession } from '../session/SessionContext';

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
  const [password, setPassword] = useState('');
  const open = connection.phase === 'error' && connection.authRequired === true;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setUsername(session.store.getState().form.username);
      setPassword('');
      dialog.showModal();
    } else if (!open && dialog.open) dialog.close();
  }, [open, session]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    session.store.getState().setForm({ username, password });
    ref.current?.close();
    session.connection.connect();
  };

  return (
    <dialog ref={ref} className="dialog" aria-labelledby="credentials-title">
      <form onSubmit={onSubmit}>
        <h2 id="credentials-title">Broker credentials</h2>
        <p>
          <code>{url}</code> refused the connection: {connection.detail}. Enter the credentials it expects.
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
          <input
            id="cred-password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
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
