import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createApiClient } from './api/client';
import { downloadBlob } from './components/views/download';
import { AppStore } from './state/appStore';
import { ImpactStore } from './state/impactStore';
import { applyTheme, systemTheme } from './state/theme';
import { AppStoreContext } from './state/useAppState';
import { ImpactStoreContext } from './state/useImpactState';
import { ViewStoreContext } from './state/useViewState';
import { ViewStore } from './state/viewStore';
import './styles/theme.css';
import './styles/layout.css';
import './styles/controls.css';
import './styles/sidebar.css';
import './styles/progress.css';
import './styles/import.css';
import './styles/content.css';
import './styles/views.css';
import './styles/impact.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

const api = createApiClient();
const store = new AppStore(api);
void store.load();
const views = new ViewStore(api, systemTheme());
applyTheme(views.getState().theme);
const impact = new ImpactStore(api, { save: downloadBlob });
// The system's preference wins again whenever it changes; the header toggle overrides it until then.
window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
  applyTheme(systemTheme());
  views.setTheme(systemTheme());
});

createRoot(root).render(
  <StrictMode>
    <AppStoreContext.Provider value={store}>
      <ViewStoreContext.Provider value={views}>
        <ImpactStoreContext.Provider value={impact}>
          <App />
        </ImpactStoreContext.Provider>
      </ViewStoreContext.Provider>
    </AppStoreContext.Provider>
  </StrictMode>,
);
