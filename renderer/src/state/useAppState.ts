import { createContext, useContext, useSyncExternalStore } from 'react';
import type { AppState, AppStore } from './appStore';

export const AppStoreContext = createContext<AppStore | null>(null);

export function useAppStore(): AppStore {
  const store = useContext(AppStoreContext);
  if (!store) throw new Error('useAppStore outside <AppStoreContext.Provider>');
  return store;
}

/** The whole state; it is replaced, never mutated, so React re-renders exactly when it changes. */
export function useAppState(): AppState {
  const store = useAppStore();
  return useSyncExternalStore(store.subscribe, store.getState);
}
