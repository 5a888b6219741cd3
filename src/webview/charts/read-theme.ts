// The chart theme from the page's CSS: VS Code's theme variables in the panel (it sets --vscode-*
// on the document), the report's own variables in the HTML report, and the page's computed
// colours when neither is there (the stylesheet's fallbacks).
import { darkTheme, lightTheme, type ChartTheme } from './theme';

const PALETTE_VARS = ['blue', 'green', 'yellow', 'orange', 'purple', 'red'].map((c) => `--vscode-charts-${c}`);

/** Relative luminance (0..1) of a computed `rgb(...)` colour, or undefined. */
function luminance(color: string): number | undefined {
  const m = /rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:[,\s/]+([\d.]+))?/.exec(color);
  if (!m || m[4] === '0') return undefined;
  const [r, g, b] = [m[1], m[2], m[3]].map((v) => Number(v) / 255);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function readTheme(root: HTMLElement = document.body): ChartTheme {
  const style = getComputedStyle(root);
  const v = (name: string) => style.getPropertyValue(name).trim();
  const light = (luminance(style.backgroundColor) ?? (window.matchMedia?.('(prefers-color-scheme: light)').matches ? 1 : 0)) > 0.5;
  const base = light ? lightTheme : darkTheme;
  const themed = PALETTE_VARS.map(v).filter(Boolean);
  return {
    foreground: v('--vscode-charts-foreground') || v('--vscode-foreground') || style.color || base.foreground,
    muted: v('--vscode-descriptionForeground') || base.muted,
    grid: v('--vscode-charts-lines') || v('--vscode-panel-border') || base.grid,
    background: luminance(style.backgroundColor) !== undefined ? style.backgroundColor : base.background,
    fontFamily: v('--vscode-font-family') || base.fontFamily,
    fontSize: Number.parseFloat(v('--vscode-font-size')) || base.fontSize,
    // VS Code's six chart colours first, then the rest of the default palette for more series.
    palette: themed.length > 0 ? [...themed, ...base.palette.filter((c) => !themed.includes(c))] : base.palette,
    accent: v('--vscode-charts-red') || v('--vscode-errorForeground') || base.accent,
  };
}
