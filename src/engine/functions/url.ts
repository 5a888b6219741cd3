// parse_url(url): the parts of an absolute URL as a property bag like Kusto's: Scheme, Host,
// Port, Path, Username, Password, Query Parameters (a bag of decoded values) and Fragment.
// Parts that are absent, and every part of text that is not an absolute URL, are empty.
import type { DynamicValue } from '../data/column';
import { stringFunction } from './kernel/functions';
import type { ScalarFunction } from './types';

const URL_PARTS = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(?:([^:@/?#]*)(?::([^@/?#]*))?@)?(\[[^\]]*\]|[^:/?#]*)(?::(\d*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/;

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

function queryParameters(query: string): { [key: string]: DynamicValue } {
  const parameters: { [key: string]: string } = {};
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const at = pair.indexOf('=');
    const key = decode(at < 0 ? pair : pair.slice(0, at));
    const value = at < 0 ? '' : decode(pair.slice(at + 1));
    parameters[key] = key in parameters ? `${parameters[key]},${value}` : value;
  }
  return parameters;
}

export function parseUrl(url: string): DynamicValue {
  const m = URL_PARTS.exec(url.trim());
  const [, scheme = '', username = '', password = '', host = '', port = '', path = '', query = '', fragment = ''] = m ?? [];
  return {
    Scheme: scheme, Host: host, Port: port, Path: path, Username: username, Password: password,
    'Query Parameters': queryParameters(query), Fragment: fragment,
  };
}

export const urlFunctions: Record<string, ScalarFunction> = {
  parse_url: stringFunction(parseUrl),
  parseurl: stringFunction(parseUrl),
};
