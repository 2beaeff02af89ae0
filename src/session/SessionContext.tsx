import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { FirehoseState } from '../store/store';
import type { Session } from './session';

const SessionContext = createContext<Session | null>(null);

export const SessionProvider = SessionContext.Provider;

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() needs a <SessionProvider> above it');
  return session;
}

/** Select the narrowest slice you need: every subscriber re-renders when its selection changes. */
export function useFirehose<T>(selector: (state: FirehoseState) => T): T {
  return useStore(useSession().store, selector);
}
