// Colours and fonts a chart is drawn with. The panel reads them from VS Code's CSS variables
// (charts/read-theme.ts); the pure mapping only receives the values.

export interface ChartTheme {
  foreground: string;
  /** Axis labels, subtitles. */
  muted: string;
  /** Axis lines and split lines. */
  grid: string;
  /** Behind the chart in exported images (the panel itself draws on a transparent canvas). */
  background: string;
  fontFamily: string;
  fontSize: number;
  /** Series colours, in order. */
  palette: string[];
  /** Anomaly markers. */
  accent: string;
}

export const darkTheme: ChartTheme = {
  foreground: '#cccccc',
  muted: '#9d9d9d',
  grid: '#3c3c3c',
  background: '#1f1f1f',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Ubuntu, sans-serif',
  fontSize: 12,
  palette: ['#3794ff', '#89d185', '#cca700', '#d18616', '#b180d7', '#f14c4c', '#4ec9b0', '#ce9178', '#9cdcfe', '#c586c0'],
  accent: '#f14c4c',
};

export const lightTheme: ChartTheme = {
  foreground: '#3b3b3b',
  muted: '#717171',
  grid: '#e5e5e5',
  background: '#ffffff',
  fontFamily: darkTheme.fontFamily,
  fontSize: 12,
  palette: ['#1a85ff', '#388a34', '#bf8803', '#d18616', '#652d90', '#e51400', '#16825d', '#a31515', '#0451a5', '#af00db'],
  accent: '#e51400',
};
