import type { ChangeEvent } from 'react';
import { type FindingKind, findingKindLabels } from '../../graph/findingKinds';
import type { ViewFilters } from '../../graph/scope';
import type { ViewIndex } from '../../graph/viewData';
import { applyTheme } from '../../state/theme';
import { useViewStore } from '../../state/useViewState';
import type { ViewState } from '../../state/viewStore';
import { WhatIfToggle } from '../impact/WhatIfToggle';

interface ViewToolbarProps {
  readonly state: ViewState;
  readonly index: ViewIndex;
  readonly searchMatches: readonly string[];
}

const modes = [
  { mode: 'colorByOwner', label: 'Color by owner' },
  { mode: 'showWorkloads', label: 'Workloads' },
  { mode: 'showAcls', label: 'NACLs' },
  { mode: 'showUnneeded', label: 'Unneeded allowances' },
] as const;

/** Search, the filters both views share, the display modes and the theme. */
export function ViewToolbar({ state, index, searchMatches }: ViewToolbarProps) {
  const store = useViewStore();
  const { applications, topology, findings } = index.data;
  const owners = [
    ...new Set([
      ...applications.apps.flatMap((a) => a.owners),
      ...topology.segments.flatMap((s) => (s.owner ? [s.owner] : [])),
    ]),
  ].sort();
  const kinds = [...new Set(findings.findings.map((f) => f.kind))];
  const filtered = Object.values(state.filters).some((v) => v !== null);
  const filter =
    <K extends keyof ViewFilters>(key: K) =>
    (event: ChangeEvent<HTMLSelectElement>) =>
      store.setFilter(key, (event.target.value || null) as ViewFilters[K]);
  return (
    <div className="view-toolbar">
      <div className="search-box">
        <input
          type="search"
          className="text-input"
          placeholder="Search apps, services, segments, IPs…"
          aria-label="Search the views"
          value={state.search}
          onChange={(event) => store.setSearch(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && searchMatches[0]) store.select(searchMatches[0]);
          }}
        />
        {state.search.trim() && (
          <span className="muted search-count" aria-live="polite">
            {searchMatches.length} match{searchMatches.length === 1 ? '' : 'es'}
          </span>
        )}
      </div>
      <FilterSelect
        label="App"
        value={state.filters.app}
        options={applications.apps.map((a) => [a.name, a.name])}
        onChange={filter('app')}
      />
      <FilterSelect
        label="Owner"
        value={state.filters.owner}
        options={owners.map((o) => [o, o])}
        onChange={filter('owner')}
      />
      <FilterSelect
        label="VPC"
        value={state.filters.vpc}
        options={topology.vpcs.map((v) => [v.id, v.name ?? v.id])}
        onChange={filter('vpc')}
      />
      <FilterSelect
        label="Finding"
        value={state.filters.findingKind}
        options={kinds.map((k: FindingKind) => [k, findingKindLabels[k]])}
        onChange={filter('findingKind')}
      />
      {filtered && (
        <button type="button" className="btn btn-small" onClick={() => store.clearFilters()}>
          Clear filters
        </button>
      )}
      <fieldset className="view-modes">
        <legend className="visually-hidden">Display</legend>
        {modes.map(({ mode, label }) => (
          <label key={mode} className="toggle">
            <input
              type="checkbox"
              checked={state[mode]}
              onChange={(event) => store.setMode(mode, event.target.checked)}
            />
            {label}
          </label>
        ))}
      </fieldset>
      <WhatIfToggle />
      <button
        type="button"
        className="btn btn-small theme-toggle"
        aria-pressed={state.theme === 'dark'}
        onClick={() => {
          const theme = state.theme === 'dark' ? 'light' : 'dark';
          applyTheme(theme);
          store.setTheme(theme);
        }}
      >
        {state.theme === 'dark' ? 'Light theme' : 'Dark theme'}
      </button>
    </div>
  );
}

interface FilterSelectProps {
  readonly label: string;
  readonly value: string | null;
  readonly options: readonly (readonly [string, string])[];
  readonly onChange: (event: ChangeEvent<HTMLSelectElement>) => void;
}

function FilterSelect({ label, value, options, onChange }: FilterSelectProps) {
  return (
    <label className="filter">
      <span>{label}</span>
      <select className="text-input" value={value ?? ''} onChange={onChange}>
        <option value="">All</option>
        {options.map(([id, text]) => (
          <option key={id} value={id}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}
