// Functions every Microsoft Sentinel workspace has.
import type { FunctionSchema, TableSchema } from '../schema';

/** A watchlist's rows: fixed columns plus the watchlist's own (hence open). */
const watchlistRows: TableSchema = {
  name: 'Watchlist',
  open: true,
  columns: [
    { name: '_DTItemId', type: 'string' },
    { name: 'LastUpdatedTimeUTC', type: 'datetime' },
    { name: 'SearchKey', type: 'string', description: 'The value of the watchlist\'s search key column.' },
    { name: 'WatchlistItem', type: 'dynamic', description: 'The whole item as a property bag.' },
  ],
};

export const sentinelFunctions: FunctionSchema[] = [
  {
    name: '_GetWatchlist',
    parameters: '(watchlistAlias:string)',
    result: watchlistRows,
    description: 'Rows of the Microsoft Sentinel watchlist with this alias; its own columns appear by name.',
  },
  {
    name: '_GetWatchlistAlias',
    parameters: '()',
    result: { name: 'WatchlistAliases', columns: [{ name: 'WatchlistAlias', type: 'string' }] },
    description: 'The aliases of the workspace\'s watchlists.',
  },
];
