import { createContext, useContext, useSyncExternalStore } from 'react';
import type { ViewState, ViewStore } from './viewStore';

export const ViewStoreContext = createContext<ViewStore | null>(null);

export function useViewStore(): ViewStore {
  const store = useContext(ViewStoreContext);
  if (!store) throw new Error('useViewStore outside <ViewStoreContext.Provider>');
  return store;
}

/** The views' whole state; replaced on every change, never mutated. */
export function useViewState(): ViewState {
  const store = useViewStore();
  return useSyncExternalStore(store.subscribe, store.getState);
}
