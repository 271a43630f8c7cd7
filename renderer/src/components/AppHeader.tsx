import { LogoMark } from './Icons';

export function AppHeader() {
  const mode = window.faultline ? 'Desktop' : 'Browser bridge';
  return (
    <header className="app-header">
      <div className="brand">
        <LogoMark className="brand-mark" />
        <span className="brand-name">Faultline</span>
        <span className="brand-tagline">Application and segment topology</span>
      </div>
      <span className="mode-badge" title="How this window talks to the Faultline core">
        {mode}
      </span>
    </header>
  );
}
