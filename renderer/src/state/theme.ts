import type { GraphTheme } from '../graph/stylesheet';
import type { Theme } from './viewStore';

/** The theme the system asks for, until the user picks one. */
export function systemTheme(): Theme {
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** theme.css keys its colours on this attribute. */
export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
}

/** The graph colours, read from the CSS variables the theme set. */
export function readGraphTheme(): GraphTheme {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string) => css.getPropertyValue(name).trim();
  return {
    background: v('--bg'),
    text: v('--text'),
    muted: v('--text-muted'),
    border: v('--border'),
    group: v('--bg-subtle'),
    node: v('--bg'),
    accent: v('--accent'),
    danger: v('--danger'),
    warning: v('--warning'),
    success: v('--success'),
  };
}
