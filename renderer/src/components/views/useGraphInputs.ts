import type { ElementDefinition, StylesheetJson } from 'cytoscape';
import { useMemo } from 'react';
import { appElements } from '../../graph/appElements';
import { relatedKeys } from '../../graph/linked';
import { ownerColors } from '../../graph/ownerColors';
import { scopeOf } from '../../graph/scope';
import { searchKeys } from '../../graph/search';
import { segmentElements } from '../../graph/segmentElements';
import { graphStylesheet } from '../../graph/stylesheet';
import type { ViewIndex } from '../../graph/viewData';
import { readGraphTheme } from '../../state/theme';
import type { ViewState } from '../../state/viewStore';

export interface GraphInputs {
  readonly app: ElementDefinition[];
  readonly segment: ElementDefinition[];
  readonly stylesheet: StylesheetJson;
  readonly background: string;
  readonly owners: ReadonlyMap<string, string>;
  readonly highlight: ReadonlySet<string> | null;
  readonly active: string | null;
  readonly focus: ReadonlySet<string> | null;
  readonly searchMatches: readonly string[];
  /** Either view draws so much that it switches to the fast drawing modes. */
  readonly large: boolean;
}

/** Beyond this many elements in a view, straight edges and a cached canvas keep panning smooth. */
const largeView = 1500;

/** Everything the two canvases draw, derived from the shared state; recomputed only when its inputs change. */
export function useGraphInputs(state: ViewState, index: ViewIndex): GraphInputs {
  const {
    filters,
    showWorkloads,
    showAcls,
    showUnneeded,
    toggled,
    theme,
    colorByOwner,
    search,
    selection,
    hover,
    focus,
  } = state;
  const scope = useMemo(() => scopeOf(index, filters), [index, filters]);
  const app = useMemo(
    () => appElements(index, { scope, showWorkloads, toggled: toggled.app }),
    [index, scope, showWorkloads, toggled.app],
  );
  const segment = useMemo(
    () => segmentElements(index, { scope, showAcls, showUnneeded, toggled: toggled.segment }),
    [index, scope, showAcls, showUnneeded, toggled.segment],
  );
  const owners = useMemo(
    () =>
      ownerColors([
        ...index.data.applications.apps.flatMap((a) => a.owners),
        ...index.data.topology.segments.flatMap((s) => (s.owner ? [s.owner] : [])),
      ]),
    [index],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: the theme changes the CSS variables read here.
  const graphTheme = useMemo(() => readGraphTheme(), [theme]);
  const large = app.length > largeView || segment.length > largeView;
  const stylesheet = useMemo(
    () => graphStylesheet({ theme: graphTheme, owners: colorByOwner ? owners : null, large }),
    [graphTheme, colorByOwner, owners, large],
  );
  const searchMatches = useMemo(() => searchKeys(index, search), [index, search]);
  const active = hover ?? selection;
  const focusKeys = useMemo(() => (focus ? new Set(focus.keys) : null), [focus]);
  const highlight = useMemo(() => {
    if (active) return relatedKeys(index, active);
    if (focus) return new Set(focus.keys.flatMap((key) => [...relatedKeys(index, key)]));
    return searchMatches.length > 0 ? new Set(searchMatches) : null;
  }, [index, active, focus, searchMatches]);
  return {
    app,
    segment,
    stylesheet,
    background: graphTheme.background,
    owners,
    highlight,
    active,
    focus: focusKeys,
    searchMatches,
    large,
  };
}
