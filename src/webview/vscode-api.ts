// The webview side of the message channel: typed posting through acquireVsCodeApi, and
// incoming messages validated with the protocol's parser before anything acts on them.
import { parseExtensionMessage, type ExtensionToWebview, type WebviewToExtension } from './protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export interface Channel {
  post(message: WebviewToExtension): void;
  getState<T>(): T | undefined;
  setState(state: unknown): void;
}

export function connect(onMessage: (message: ExtensionToWebview) => void): Channel {
  const api = acquireVsCodeApi();
  window.addEventListener('message', (event: MessageEvent) => {
    const message = parseExtensionMessage(event.data);
    if (message) onMessage(message);
    else console.warn('results panel: dropped a message of unknown shape', typeof event.data === 'object' && event.data ? (event.data as { type?: unknown }).type : typeof event.data);
  });
  return {
    post: (message) => api.postMessage(message),
    getState: <T>() => (api.getState() ?? undefined) as T | undefined,
    setState: (state) => api.setState(state),
  };
}
