import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createApiClient } from './api/client';
import { AppStore } from './state/appStore';
import { AppStoreContext } from './state/useAppState';
import './styles/theme.css';
import './styles/layout.css';
import './styles/controls.css';
import './styles/sidebar.css';
import './styles/import.css';
import './styles/content.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

const store = new AppStore(createApiClient());
void store.load();

createRoot(root).render(
  <StrictMode>
    <AppStoreContext.Provider value={store}>
      <App />
    </AppStoreContext.Provider>
  </StrictMode>,
);
