// Starts and stops code-server (the real VS Code workbench + Node extension host) for the
// integration, browser and "try" harnesses. See ../../../shared/notes/vscode-testing.md.
//
// code-server runs on Node 24 from .tools/ (installed by scripts/install-test-tools.sh), in its
// own process group (detached, like setsid) so that stopping it also stops its extension hosts
// and language servers. Everything it writes goes to a temporary folder.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../support/paths';

export const toolsDir = path.join(repoRoot, '.tools');
export const node24 = path.join(toolsDir, 'node24', 'node_modules', 'node', 'bin', 'node');
export const codeServerDir = path.join(toolsDir, 'code-server', 'node_modules', 'code-server');
export const codeServerEntry = path.join(codeServerDir, 'out', 'node', 'entry.js');
export const resultsDir = path.join(repoRoot, 'test-results');

/** Settings written to the fresh profile: no welcome page, telemetry, update checks or tours. */
export const defaultUserSettings: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'files.autoSave': 'off',
  'editor.accessibilitySupport': 'off',
  'window.confirmBeforeClose': 'never',
};

export interface CodeServerOptions {
  /** Port on 127.0.0.1; default: a free one. */
  port?: number;
  host?: string;
  /** Pass --vscode-option enable-smoke-test-driver (needed for the test payload). */
  smokeTestDriver?: boolean;
  /** .vsix files (or extension ids) installed into the temporary extensions dir before start. */
  installExtensions?: string[];
  /** Merged over defaultUserSettings. */
  userSettings?: Record<string, unknown>;
  /** Name used for the log file in test-results/ (code-server-NAME.log). */
  name?: string;
  /** How long to wait for /healthz. */
  startTimeoutMs?: number;
  /** Extra environment for code-server and so its extension hosts (e.g. NODE_EXTRA_CA_CERTS). */
  env?: Record<string, string>;
}

export interface CodeServer {
  host: string;
  port: number;
  /** http://host:port */
  url: string;
  /** Temporary folder holding user-data, extensions, XDG dirs (removed by stop()). */
  tmpDir: string;
  userDataDir: string;
  extensionsDir: string;
  logFile: string;
  pid: number;
  /** vscode-remote://host:port/abs/path, the form the workbench payload expects. */
  remoteUri(absPath: string): string;
  /** Workbench URL opening a folder, with an optional payload ([name, value] pairs). */
  workbenchUrl(folder: string, payload?: Array<[string, string]>): string;
  /** Last lines of the code-server log, for error messages. */
  logTail(lines?: number): string;
  /** Resolves when the process exits (code or signal). */
  exited: Promise<string>;
  stop(): Promise<void>;
}

/** Throws a clear message when the tools are not installed. */
export function assertToolsInstalled(): void {
  const missing = [node24, codeServerEntry].filter((p) => !existsSync(p));
  if (missing.length > 0) {
    throw new Error(
      `code-server test tools are missing (${missing.map((p) => path.relative(repoRoot, p)).join(', ')}).\n` +
        'Run: bash scripts/install-test-tools.sh',
    );
  }
}

export async function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, host, () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Environment for code-server: XDG dirs in tmp, no inherited VS Code / Electron variables. */
function childEnv(tmpDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(VSCODE_|ELECTRON_|npm_|NODE_OPTIONS$|NODE_PATH$|PASSWORD$|HASHED_PASSWORD$|PORT$)/.test(k)) continue;
    env[k] = v;
  }
  env.XDG_CONFIG_HOME = path.join(tmpDir, 'xdg-config');
  env.XDG_DATA_HOME = path.join(tmpDir, 'xdg-data');
  env.XDG_CACHE_HOME = path.join(tmpDir, 'xdg-cache');
  env.XDG_RUNTIME_DIR = path.join(tmpDir, 'xdg-runtime');
  env.PATH = `${path.dirname(node24)}${path.delimiter}${process.env.PATH ?? ''}`;
  env.DONT_PROMPT_WSL_INSTALL = '1';
  return env;
}

function baseArgs(userDataDir: string, extensionsDir: string): string[] {
  return ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
}

/** Runs code-server's CLI once (e.g. --install-extension) in the same profile; throws on failure. */
function runCli(tmpDir: string, userDataDir: string, extensionsDir: string, args: string[]): string {
  const res = spawnSync(node24, [codeServerEntry, ...baseArgs(userDataDir, extensionsDir), ...args], {
    env: childEnv(tmpDir),
    encoding: 'utf8',
    timeout: 120_000,
  });
  const out = `${res.stdout ?? ''}${res.stderr ?? ''}`;
  if (res.status !== 0 || res.error) {
    throw new Error(`code-server ${args.join(' ')} failed (${res.error?.message ?? `exit ${res.status}`}):\n${out}`);
  }
  return out;
}

function httpGet(url: string, timeoutMs: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

/** Running code-server process groups and their temp folders, for the exit hook. */
const live = new Map<number, string>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Last resort: never leave a code-server process group behind when this process exits.
  process.on('exit', () => {
    for (const [pgid, dir] of live) {
      try {
        process.kill(-pgid, 'SIGKILL');
      } catch {
        // already gone
      }
      if (!process.env.KEEP_CODE_SERVER_TMP) rmSync(dir, { recursive: true, force: true, maxRetries: 2 });
    }
  });
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startCodeServer(opts: CodeServerOptions = {}): Promise<CodeServer> {
  assertToolsInstalled();
  const host = opts.host ?? '127.0.0.1';
  const tmpDir = mkdtempSync(path.join(os.tmpdir(), 'sentinel-hunt-cs-'));
  const userDataDir = path.join(tmpDir, 'user-data');
  const extensionsDir = path.join(tmpDir, 'extensions');
  for (const d of [userDataDir, path.join(userDataDir, 'User'), extensionsDir, path.join(tmpDir, 'xdg-runtime')]) {
    mkdirSync(d, { recursive: true, mode: 0o700 });
  }
  writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...defaultUserSettings, ...opts.userSettings }, null, 2),
  );
  mkdirSync(resultsDir, { recursive: true });
  const logFile = path.join(resultsDir, `code-server-${opts.name ?? 'run'}.log`);
  writeFileSync(logFile, '');

  try {
    for (const ext of opts.installExtensions ?? []) {
      const out = runCli(tmpDir, userDataDir, extensionsDir, ['--install-extension', ext, '--force']);
      writeFileSync(logFile, `$ code-server --install-extension ${ext}\n${out}\n`, { flag: 'a' });
    }
  } catch (err) {
    rmSync(tmpDir, { recursive: true, force: true });
    throw err;
  }

  const flags = [
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--reconnection-grace-time', '5',
    '--ignore-last-opened',
    ...(opts.smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
  ];

  // A free port can be taken between probing and binding: retry a few times when it was not fixed.
  let lastError: Error | undefined;
  for (let attempt = 1; attempt <= 3; attempt++) {
    const port = opts.port ?? (await freePort(host));
    const fd = openSync(logFile, 'a');
    let child: ChildProcess;
    try {
      child = spawn(
        node24,
        [codeServerEntry, '--bind-addr', `${host}:${port}`, ...flags, ...baseArgs(userDataDir, extensionsDir)],
        { cwd: tmpDir, env: { ...childEnv(tmpDir), ...opts.env }, detached: true, stdio: ['ignore', fd, fd] },
      );
    } finally {
      closeSync(fd);
    }
    const pid = child.pid;
    if (pid === undefined) throw new Error('could not spawn code-server');
    live.set(pid, tmpDir);
    installExitHook();
    let exitInfo: string | undefined;
    const exited = new Promise<string>((resolve) => {
      child.on('exit', (code, signal) => {
        exitInfo = signal ? `signal ${signal}` : `exit code ${code}`;
        resolve(exitInfo);
      });
    });
    const url = `http://${host}:${port}`;
    const logTail = (lines = 40) => {
      try {
        return readFileSync(logFile, 'utf8').split('\n').slice(-lines).join('\n');
      } catch {
        return '';
      }
    };
    const killGroup = async () => {
      if (!groupAlive(pid)) return;
      try {
        process.kill(-pid, 'SIGTERM');
      } catch {
        // gone
      }
      for (let i = 0; i < 50 && groupAlive(pid); i++) await sleep(100);
      if (groupAlive(pid)) {
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          // gone
        }
        for (let i = 0; i < 20 && groupAlive(pid); i++) await sleep(100);
      }
    };
    const stop = async () => {
      await killGroup();
      live.delete(pid);
      if (!process.env.KEEP_CODE_SERVER_TMP) rmSync(tmpDir, { recursive: true, force: true, maxRetries: 3 });
    };

    // Wait for /healthz.
    const deadline = Date.now() + (opts.startTimeoutMs ?? 30_000);
    let healthy = false;
    while (Date.now() < deadline && exitInfo === undefined) {
      try {
        const res = await httpGet(`${url}/healthz`, 1000);
        if (res.status === 200) {
          healthy = true;
          break;
        }
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    if (healthy) {
      return {
        host,
        port,
        url,
        tmpDir,
        userDataDir,
        extensionsDir,
        logFile,
        pid,
        exited,
        logTail,
        stop,
        remoteUri: (absPath: string) => `vscode-remote://${host}:${port}${toPosixUriPath(absPath)}`,
        workbenchUrl: (folder: string, payload?: Array<[string, string]>) => {
          let q = `folder=${encodeURIComponent(folder).replace(/%2F/g, '/')}`;
          if (payload) q += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
          return `${url}/?${q}`;
        },
      };
    }
    const why = exitInfo ? `exited (${exitInfo})` : `did not answer ${url}/healthz in time`;
    lastError = new Error(`code-server ${why}. Log ${path.relative(repoRoot, logFile)}:\n${logTail()}`);
    await killGroup(); // keeps the profile for the next attempt
    live.delete(pid);
    if (opts.port !== undefined || !/EADDRINUSE/.test(logTail())) break;
  }
  rmSync(tmpDir, { recursive: true, force: true });
  throw lastError ?? new Error('code-server did not start');
}

function toPosixUriPath(absPath: string): string {
  return absPath
    .split(path.sep)
    .map((seg) => encodeURIComponent(seg))
    .join('/');
}

/** Copies a folder (e.g. the fixture workspace) into a fresh temp dir; returns the copy's path. */
export function copyToTemp(src: string, prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  const dest = path.join(dir, path.basename(src));
  cpSync(src, dest, { recursive: true });
  return dest;
}

/** Used when the repository has no .vscodeignore, so that .tools/ (~800 MB), sources and tests stay out. */

/**
 * Packages the extension (vsce package --no-dependencies) into dist/sentinel-hunt.vsix.
 * Assumes `npm run build` already ran. Returns the .vsix path.
 */
export function packageVsix(out = path.join(repoRoot, 'dist', 'sentinel-hunt.vsix')): string {
  const vsce = path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  if (!existsSync(vsce)) throw new Error('@vscode/vsce is not installed: run npm ci');
  if (!existsSync(path.join(repoRoot, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run npm run build');
  // What goes into the package is decided by .vscodeignore, as for `npm run package`.
  const args = [vsce, 'package', '--no-dependencies', '-o', out];
  rmSync(out, { force: true });
  const pack = () =>
    spawnSync(process.execPath, args, {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 180_000,
      input: 'y\n', // answers any remaining confirmation prompt instead of hanging
    });
  let res = pack();
  if (res.status !== 0 && /unexpected number of bytes/.test(res.stderr)) {
    // a file in dist/ changed while it was zipped (a concurrent `npm run build`): once more
    res = pack();
  }
  if (res.status !== 0 || res.error || !existsSync(out)) {
    throw new Error(`vsce package failed (${res.error?.message ?? `exit ${res.status}`}):\n${res.stdout}${res.stderr}`);
  }
  const size = statSync(out).size;
  if (size > 60 * 1024 * 1024) {
    throw new Error(`${path.relative(repoRoot, out)} is ${(size / 1048576).toFixed(0)} MB: .vscodeignore lets too much in (.tools/? node_modules/?)`);
  }
  return out;
}

/** Removes earlier artifacts (screenshots, logs) of one harness: test-results/PREFIX*. */
export function clearResults(prefix: string): void {
  mkdirSync(resultsDir, { recursive: true });
  for (const f of readdirSync(resultsDir)) {
    if (f.startsWith(prefix)) rmSync(path.join(resultsDir, f), { force: true });
  }
}

/** `code-server --list-extensions --show-versions` for a running server's profile. */
export function listExtensions(server: CodeServer): string[] {
  const out = runCli(server.tmpDir, server.userDataDir, server.extensionsDir, ['--list-extensions', '--show-versions']);
  return out
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^[\w-]+\.[\w-]+@/.test(l));
}
