// `npm run try`: the extension in a real VS Code in your browser, on the samples/ folder.
//
// The npm script builds first; this packages dist/sentinel-hunt.vsix, installs it into a fresh
// code-server profile (temporary; nothing is written to your home) and serves it on
// 127.0.0.1:8080 (PORT and HOST override) until Ctrl+C, which stops code-server's process group.
// Edits to samples/ are real edits to the files in the repository.
import path from 'node:path';
import { repoRoot } from '../support/paths';
import { packageVsix, startCodeServer } from './code-server';

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 8080);
  const host = process.env.HOST ?? '127.0.0.1';
  const folder = path.resolve(process.env.TRY_FOLDER ?? path.join(repoRoot, 'samples'));

  const vsix = packageVsix();
  console.log(`try: packaged ${path.relative(repoRoot, vsix)}`);
  const server = await startCodeServer({ port, host, name: 'try', installExtensions: [vsix], startTimeoutMs: 60_000 });

  let stopping = false;
  const stop = async (why: string, code: number) => {
    if (stopping) return;
    stopping = true;
    console.log(`\ntry: ${why}; stopping code-server (process group ${server.pid})`);
    await server.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop('Ctrl+C', 0));
  process.on('SIGTERM', () => void stop('SIGTERM', 0));
  process.on('SIGHUP', () => void stop('SIGHUP', 0));
  void server.exited.then((how) => {
    if (!stopping) {
      console.error(`try: code-server exited (${how}). Log: ${path.relative(repoRoot, server.logFile)}\n${server.logTail(20)}`);
      void stop('code-server exited', 1);
    }
  });

  console.log('');
  console.log(`  Sentinel Hunt in VS Code: ${server.workbenchUrl(folder)}`);
  console.log('');
  console.log(`  (code-server ${server.url}, no password; log ${path.relative(repoRoot, server.logFile)})`);
  console.log('  Press Ctrl+C to stop.');
  // Keep the process alive until a signal arrives.
  setInterval(() => undefined, 1 << 30);
}

main().catch((err: unknown) => {
  console.error(`try: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
