import { createContext, useContext, useSyncExternalStore } from 'react';
import type { ImpactState, ImpactStore } from './impactStore';

export const ImpactStoreContext = createContext<ImpactStore | null>(null);

export function useImpactStore(): ImpactStore {
  const store = useContext(ImpactStoreContext);
  if (!store) throw new Error('useImpactStore outside <ImpactStoreContext.Provider>');
  return store;
}

/** The what-if state; replaced on every change, never mutated. */
export function useImpactState(): ImpactState {
  const store = useImpactStore();
  return useSyncExternalStore(store.subscribe, store.getState);
}
