// createCredential: the CLI's --credential flags, their errors, and a real client-secret sign-in
// against a local Entra authority (--authority-host) feeding the Graph source.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import { test } from 'node:test';
import { AzureCliCredential, ClientCertificateCredential, ClientSecretCredential, DefaultAzureCredential } from '@azure/identity';
import { ACCESS_TOKEN_ENV, createCredential, CredentialOptionsError, type CredentialOptions } from '../../src/azure/credential';
import { GraphTraceSource } from '../../src/trace/graph';
import { startEntraTokenServer } from '../support/servers/entra-token-server';
import { startGraphTraceServer } from '../support/servers/graph-trace-server';

const certificate = path.join(mkdtempSync(path.join(tmpdir(), 'sh-cred-')), 'app.pem');
writeFileSync(certificate, '-----BEGIN CERTIFICATE-----\nnot used before getToken\n-----END CERTIFICATE-----\n');

function usageError(options: CredentialOptions, pattern: RegExp): void {
  assert.throws(() => createCredential(options), (error: unknown) => {
    assert.ok(error instanceof CredentialOptionsError, String(error));
    assert.match(error.message, pattern);
    return true;
  });
}

test('each --credential kind makes the matching @azure/identity credential', () => {
  assert.ok(createCredential() instanceof DefaultAzureCredential);
  assert.ok(createCredential({ credential: 'default', tenant: 'contoso.onmicrosoft.com', clientId: 'mi-client' }) instanceof DefaultAzureCredential);
  assert.ok(createCredential({ credential: 'cli', tenant: 'contoso.onmicrosoft.com' }) instanceof AzureCliCredential);
  assert.ok(createCredential({ tenant: 't', clientId: 'c', certificate }) instanceof ClientCertificateCredential);
  const env = { APP_SECRET: 'shh-very-secret' };
  const secretCredential = createCredential({ tenant: 't', clientId: 'c', clientSecretEnv: 'APP_SECRET', env, authorityHost: 'https://login.microsoftonline.us/' });
  assert.ok(secretCredential instanceof ClientSecretCredential);
});

test('mistakes name the flag or variable to fix', () => {
  usageError({ credential: 'browser' }, /--credential must be one of default, cli, env-token, not "browser"/);
  usageError({ certificate }, /--certificate needs --tenant/);
  usageError({ certificate, tenant: 't' }, /--certificate needs --client-id/);
  usageError({ certificate: '/nonexistent/app.pem', tenant: 't', clientId: 'c' }, /--certificate \/nonexistent\/app\.pem cannot be read \(ENOENT\)/);
  usageError({ certificate: tmpdir(), tenant: 't', clientId: 'c' }, /--certificate .* is not a file/);
  usageError({ certificate, clientSecretEnv: 'X', tenant: 't', clientId: 'c' }, /either --certificate or --client-secret-env, not both/);
  usageError({ certificate, tenant: 't', clientId: 'c', credential: 'cli' }, /--certificate signs in as an app and cannot be combined with --credential cli/);
  usageError({ clientSecretEnv: 'APP_SECRET', tenant: 't', clientId: 'c', env: {} }, /environment variable APP_SECRET \(named by --client-secret-env\) is not set/);
  usageError({ clientSecretEnv: 'not a name', tenant: 't', clientId: 'c', env: {} }, /--client-secret-env takes the name of an environment variable/);
  usageError({ credential: 'cli', clientId: 'c' }, /--client-id has no effect with --credential cli/);
  usageError({ credential: 'cli', authorityHost: 'https://login.microsoftonline.us' }, /--authority-host has no effect with --credential cli/);
  usageError({ authorityHost: 'login.microsoftonline.us' }, /--authority-host must be a URL/);
  usageError({ authorityHost: 'http://login.example' }, /--authority-host must use https/);
  usageError({ credential: 'env-token', env: {} }, new RegExp(`needs the environment variable ${ACCESS_TOKEN_ENV}`));
  usageError({ credential: 'env-token', tenant: 't', env: { [ACCESS_TOKEN_ENV]: 'x' } }, /--tenant has no effect with --credential env-token/);
});

test('env-token returns the token from SENTINEL_HUNT_ACCESS_TOKEN and never shows it', async () => {
  const token = 'opaque-token-value-123';
  const credential = createCredential({ credential: 'env-token', env: { [ACCESS_TOKEN_ENV]: `Bearer ${token}\n` } });
  const got = await credential.getToken('https://graph.microsoft.com/.default');
  assert.equal(got?.token, token);
  assert.ok((got?.expiresOnTimestamp ?? 0) > Date.now());
  assert.ok(!inspect(credential, { depth: 5, showHidden: true }).includes(token));
  assert.ok(!JSON.stringify(credential).includes(token));

  const claims = (exp: number) => Buffer.from(JSON.stringify({ aud: 'https://graph.microsoft.com', exp })).toString('base64url');
  const live = `eyJhbGciOiJub25lIn0.${claims(Math.floor(Date.now() / 1000) + 600)}.sig`;
  const liveToken = await createCredential({ credential: 'env-token', env: { [ACCESS_TOKEN_ENV]: live } }).getToken('s');
  assert.equal(Math.round(((liveToken?.expiresOnTimestamp ?? 0) - Date.now()) / 60_000), 10);

  const expired = `eyJhbGciOiJub25lIn0.${claims(1_700_000_000)}.sig`;
  await assert.rejects(createCredential({ credential: 'env-token', env: { [ACCESS_TOKEN_ENV]: expired } }).getToken('s'), (error: unknown) => {
    assert.match(String(error), /the token in SENTINEL_HUNT_ACCESS_TOKEN expired at 2023-11-14T22:13:20\.000Z/);
    assert.ok(!String(error).includes(expired));
    return true;
  });
});

test('--client-secret-env with --authority-host signs in at that authority and reads Graph with the token', async () => {
  const entra = await startEntraTokenServer({ tenant: 'contoso-tenant', clientId: 'app-123', clientSecret: 'the-app-secret' });
  const graph = await startGraphTraceServer({ token: entra.accessToken });
  try {
    const credential = createCredential({
      tenant: 'contoso-tenant',
      clientId: 'app-123',
      clientSecretEnv: 'SH_APP_SECRET',
      authorityHost: entra.url,
      disableInstanceDiscovery: true,
      env: { SH_APP_SECRET: 'the-app-secret' },
    });
    const now = Date.now();
    graph.rows = [{
      messageTraceId: '6f1d0c1e-6b51-4e62-a3c4-3a8c1f0e9b21', messageId: '<a@fabrikam.com>', received: new Date(now - 3_600_000).toISOString(),
      senderAddress: 'a@fabrikam.com', recipientAddress: 'b@contoso.com', subject: 'hello', status: 'delivered', size: 1234, fromIP: '', toIP: '',
    }];
    const source = new GraphTraceSource({ credential, endpoint: graph.url });
    const rows = [];
    for await (const page of source.read({ start: new Date(now - 86_400_000), end: new Date(now) })) rows.push(...page);
    assert.equal(rows.length, 1);
    assert.deepEqual(entra.tokenRequests, [{ clientId: 'app-123', scope: 'https://graph.microsoft.com/.default', grantType: 'client_credentials', secretMatched: true }]);
    assert.equal(graph.requests[0].authorization, `Bearer ${entra.accessToken}`);

    const wrong = createCredential({
      tenant: 'contoso-tenant', clientId: 'app-123', clientSecretEnv: 'S', authorityHost: entra.url, disableInstanceDiscovery: true, env: { S: 'wrong-secret-value' },
    });
    const failing = new GraphTraceSource({ credential: wrong, endpoint: graph.url });
    await assert.rejects(failing.read({ start: new Date(now - 3_600_000), end: new Date(now) })[Symbol.asyncIterator]().next(), (error: unknown) => {
      assert.match(String(error), /could not get an access token for https:\/\/graph\.microsoft\.com\/\.default: .*AADSTS7000215/);
      assert.ok(!String(error).includes('wrong-secret-value'));
      return true;
    });
  } finally {
    await graph.close();
    await entra.close();
  }
});
