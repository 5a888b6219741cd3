// `setup-azure`: the ARM template (table, Direct data collection rule, role assignment), the CLI
// around it, and a deployment through a small local Resource Manager.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { API_VERSIONS, buildSetupTemplate, MONITORING_METRICS_PUBLISHER, streamDeclaration, transformKql } from '../../src/azure/setup-template';
import { runSetupAzure } from '../../src/cli/commands/setup-azure';
import { UsageError } from '../../src/cli/usage-error';
import { runQuery, Table } from '../../src/engine';
import { columnFromValues } from '../../src/engine/data/builder';
import { MemorySource } from '../../src/engine/memory-source';
import { ingestProfile, type IngestProfile } from '../../src/ingest/profiles';
import type { TraceRecord } from '../../src/trace/record';
import { coerce } from '../../src/store/values';
import { readBody, startHttpsServer, type TestHttpsServer } from '../support/servers/https';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const work = mkdtempSync(path.join(tmpdir(), 'sh-azure-setup-'));
const SUBSCRIPTION = '22222222-2222-2222-2222-222222222222';
const PRINCIPAL = '33333333-3333-3333-3333-333333333333';
const closers: (() => Promise<void>)[] = [];
after(() => Promise.all(closers.map((close) => close())));

const record: TraceRecord = {
  messageTraceId: '4b4f9c8e-58a3-4d7e-9a53-2c1f0e7d6b5a', messageId: '<a@contoso.com>', received: '2026-01-10T08:00:00.123Z',
  senderAddress: 'ann@fabrikam.com', recipientAddress: 'bob@contoso.com', subject: 'Hello', status: 'delivered',
  size: 2048, fromIP: '203.0.113.5', toIP: '198.51.100.7',
};

const resource = (template: Json, type: string): Json => template.resources.find((r: Json) => r.type === type);

test('dcr profile: the table with its columns, a Direct rule writing to it, and the role on the rule', () => {
  const profile = ingestProfile('dcr');
  const template = buildSetupTemplate({ profile }) as Json;

  const table = resource(template, 'Microsoft.OperationalInsights/workspaces/tables');
  assert.equal(table.apiVersion, API_VERSIONS.tables);
  assert.equal(table.name, "[format('{0}/{1}', parameters('workspaceName'), 'MessageTrace_CL')]");
  assert.equal(table.properties.schema.name, 'MessageTrace_CL');
  assert.deepEqual(table.properties.schema.columns, [
    { name: 'TimeGenerated', type: 'dateTime' }, { name: 'Received', type: 'dateTime' },
    { name: 'SenderAddress', type: 'string' }, { name: 'RecipientAddress', type: 'string' },
    { name: 'SenderDomain', type: 'string' }, { name: 'RecipientDomain', type: 'string' },
    { name: 'Subject', type: 'string' }, { name: 'Status', type: 'string' }, { name: 'FromIP', type: 'string' },
    { name: 'ToIP', type: 'string' }, { name: 'Size', type: 'long' }, { name: 'MessageId', type: 'string' },
    { name: 'MessageTraceId', type: 'string' },
  ]);

  const rule = resource(template, 'Microsoft.Insights/dataCollectionRules');
  assert.equal(rule.kind, 'Direct');
  assert.equal(rule.apiVersion, '2023-03-11');
  assert.equal(rule.location, "[parameters('location')]");
  assert.deepEqual(rule.dependsOn, ["[resourceId('Microsoft.OperationalInsights/workspaces/tables', parameters('workspaceName'), 'MessageTrace_CL')]"]);
  assert.deepEqual(Object.keys(rule.properties.streamDeclarations), ['Custom-MessageTrace_CL']);
  assert.deepEqual(rule.properties.streamDeclarations['Custom-MessageTrace_CL'].columns.map((c: Json) => `${c.name}:${c.type}`).slice(0, 2), ['TimeGenerated:datetime', 'Received:datetime']);
  assert.deepEqual(rule.properties.destinations, { logAnalytics: [{ name: 'workspace', workspaceResourceId: "[resourceId('Microsoft.OperationalInsights/workspaces', parameters('workspaceName'))]" }] });
  assert.deepEqual(rule.properties.dataFlows, [{ streams: ['Custom-MessageTrace_CL'], destinations: ['workspace'], transformKql: 'source', outputStream: 'Custom-MessageTrace_CL' }]);
  assert.equal(rule.properties.dataCollectionEndpointId, undefined, 'a Direct rule has its own endpoint');

  const role = resource(template, 'Microsoft.Authorization/roleAssignments');
  assert.equal(role.condition, "[not(empty(parameters('principalId')))]");
  assert.equal(role.scope, "[format('Microsoft.Insights/dataCollectionRules/{0}', parameters('dataCollectionRuleName'))]");
  assert.equal(role.properties.roleDefinitionId, `[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${MONITORING_METRICS_PUBLISHER}')]`);
  assert.equal(MONITORING_METRICS_PUBLISHER, '3913510d-42f4-4e42-8a64-420c390055eb');
  assert.equal(role.properties.principalId, "[parameters('principalId')]");
  assert.match(role.name, /^\[guid\(resourceId\('Microsoft.Insights\/dataCollectionRules', parameters\('dataCollectionRuleName'\)\), parameters\('principalId'\), '3913510d/);

  assert.equal(template.outputs.logsIngestionEndpoint.value, "[reference(resourceId('Microsoft.Insights/dataCollectionRules', parameters('dataCollectionRuleName')), '2023-03-11').endpoints.logsIngestion]");
  assert.equal(template.outputs.dataCollectionRuleImmutableId.value, "[reference(resourceId('Microsoft.Insights/dataCollectionRules', parameters('dataCollectionRuleName')), '2023-03-11').immutableId]");
  assert.equal(template.outputs.streamName.value, 'Custom-MessageTrace_CL');
  assert.deepEqual(Object.keys(template.parameters), ['workspaceName', 'location', 'dataCollectionRuleName', 'principalId', 'principalType']);
  assert.equal(template.parameters.dataCollectionRuleName.defaultValue, 'sentinel-hunt-messagetrace');
});

test('classic profile: the recipe\'s suffixed columns; the guid travels as a string and the transform converts it', () => {
  const profile = ingestProfile('classic');
  const template = buildSetupTemplate({ profile }) as Json;
  const columns = resource(template, 'Microsoft.OperationalInsights/workspaces/tables').properties.schema.columns;
  assert.deepEqual(columns.find((c: Json) => c.name === 'MessageTraceId_g'), { name: 'MessageTraceId_g', type: 'guid' });
  assert.deepEqual(columns.find((c: Json) => c.name === 'Size_d'), { name: 'Size_d', type: 'real' });
  assert.deepEqual(columns.find((c: Json) => c.name === 'Received_t'), { name: 'Received_t', type: 'dateTime' });
  const rule = resource(template, 'Microsoft.Insights/dataCollectionRules');
  assert.deepEqual(rule.properties.streamDeclarations['Custom-EmailEvents_CL'].columns.find((c: Json) => c.name === 'MessageTraceId_g'), { name: 'MessageTraceId_g', type: 'string' });
  assert.equal(rule.properties.dataFlows[0].transformKql, 'source | extend MessageTraceId_g = toguid(MessageTraceId_g)');
  assert.equal(rule.properties.dataFlows[0].outputStream, 'Custom-EmailEvents_CL');

  const withoutTable = buildSetupTemplate({ profile, createTable: false }) as Json;
  assert.deepEqual(withoutTable.resources.map((r: Json) => r.type), ['Microsoft.Insights/dataCollectionRules', 'Microsoft.Authorization/roleAssignments']);
  assert.equal(resource(withoutTable, 'Microsoft.Insights/dataCollectionRules').dependsOn, undefined);
});

for (const name of ['classic', 'dcr'] as const) {
  test(`${name}: rows match the stream, and the transform turns the stream into the table's schema`, async () => {
    const profile = ingestProfile(name);
    const row = profile.toJson(record);
    const stream = streamDeclaration(profile).columns;
    assert.deepEqual(Object.keys(row), stream.map((c) => c.name), 'the rows carry exactly the declared columns');
    const tableColumns = (resource(buildSetupTemplate({ profile }) as Json, 'Microsoft.OperationalInsights/workspaces/tables').properties.schema.columns as Json[]);
    for (const column of tableColumns) {
      assert.match(column.name, /^[A-Za-z][A-Za-z0-9_]{0,44}$/);
      assert.ok(!['id', 'TenantId', 'Type', '_ResourceId', '_SubscriptionId', 'UniqueId', 'Title'].includes(column.name));
    }
    assert.deepEqual(tableColumns[0], { name: 'TimeGenerated', type: 'dateTime' });

    // Run the transform on the engine over one row typed as the stream declares it.
    const streamTypes = { datetime: 'datetime', string: 'string', long: 'long', real: 'real', int: 'int', boolean: 'bool', dynamic: 'dynamic' } as const;
    const source = new Table(stream.map((c) => c.name), stream.map((c) => columnFromValues(streamTypes[c.type], [coerce(row[c.name], streamTypes[c.type])])));
    const memory = new MemorySource(new Map([['source', source]]));
    const result = await runQuery(transformKql(profile), memory.schema, memory, { now: Date.now() * 1000 });
    const tableType = { dateTime: 'datetime', boolean: 'bool' } as Record<string, string>;
    assert.deepEqual(result.table.schema, tableColumns.map((c) => ({ name: c.name, type: tableType[c.type] ?? c.type })));
  });
}

test('the CLI prints the template, or writes it with a deployment hint; usage mistakes say what to fix', async () => {
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t) };
  assert.equal(await runSetupAzure(['--profile', 'dcr'], io), 0);
  assert.deepEqual(JSON.parse(out.join('')), buildSetupTemplate({ profile: ingestProfile('dcr') }));

  out.length = 0;
  const file = path.join(work, 'template.json');
  assert.equal(await runSetupAzure(['--out', file, '--workspace-name', 'soc-ws', '--principal-id', PRINCIPAL, '--no-table'], io), 0);
  const saved = JSON.parse(readFileSync(file, 'utf8')) as Json;
  assert.equal(saved.outputs.table.value, 'EmailEvents_CL', 'classic by default, like ingest');
  assert.equal(saved.resources.length, 2);
  assert.match(out.join(''), new RegExp(`az deployment group create --resource-group <group> --template-file ${file.replace(/[/\\.]/g, '\\$&')} --parameters workspaceName=soc-ws principalId=${PRINCIPAL}`));
  assert.deepEqual(err, []);

  const usage = async (args: string[], message: RegExp, env: Record<string, string> = {}): Promise<void> => {
    await assert.rejects(runSetupAzure(args, { ...io, env }), (error: Error) => error instanceof UsageError && message.test(error.message));
  };
  await usage(['--profile', 'mdo'], /--profile must be one of classic, dcr/);
  await usage(['--principal-id', 'ann@contoso.com'], /object id \(a GUID\)/);
  await usage(['--principal-type', 'User'], /--principal-type needs --principal-id/);
  await usage(['--principal-id', PRINCIPAL, '--principal-type', 'Robot'], /one of ServicePrincipal, User, Group/);
  await usage(['--deploy', '--workspace-name', 'ws'], /--deploy needs --subscription, --resource-group/);
  const deployArgs = ['--deploy', '--workspace-name', 'ws', '--subscription', 'nope', '--resource-group', 'rg', '--credential', 'env-token'];
  await usage(deployArgs, /SENTINEL_HUNT_ACCESS_TOKEN/);
  await usage(deployArgs, /the subscription id is a GUID, not "nope"/, { SENTINEL_HUNT_ACCESS_TOKEN: 'arm-token' });
});

interface ArmCall {
  method: string;
  url: string;
  authorization?: string;
  body?: Json;
}

/** A Resource Manager that accepts deployments and reports them Running, then `outcome`. */
async function startArm(outcome: 'Succeeded' | 'Failed' | 'Forbidden'): Promise<{ server: TestHttpsServer; calls: ArmCall[] }> {
  const calls: ArmCall[] = [];
  let polls = 0;
  const deploymentPath = /^\/subscriptions\/([^/]+)\/resourcegroups\/([^/]+)\/providers\/Microsoft\.Resources\/deployments\/([^/]+)$/;
  const server = await startHttpsServer(async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'https://127.0.0.1');
    const text = await readBody(request);
    calls.push({ method: request.method ?? '', url: request.url ?? '', authorization: request.headers.authorization, body: text ? (JSON.parse(text) as Json) : undefined });
    const send = (status: number, body: unknown): void => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const match = deploymentPath.exec(url.pathname);
    if (!match || url.searchParams.get('api-version') !== API_VERSIONS.deployments) return send(404, { error: { code: 'InvalidResourceType', message: 'not found' } });
    if (request.headers.authorization !== 'Bearer arm-token') return send(401, { error: { code: 'InvalidAuthenticationToken', message: 'The access token is invalid.' } });
    const id = url.pathname;
    if (request.method === 'PUT') {
      if (outcome === 'Forbidden') {
        return send(403, { error: { code: 'AuthorizationFailed', message: `The client with object id '${PRINCIPAL}' does not have authorization to perform action 'Microsoft.Resources/deployments/write'.` } });
      }
      return send(201, { id, name: match[3], properties: { provisioningState: 'Accepted', mode: 'Incremental' } });
    }
    polls++;
    if (polls < 2) return send(200, { id, properties: { provisioningState: 'Running' } });
    if (outcome === 'Failed') {
      return send(200, { id, properties: { provisioningState: 'Failed', error: { code: 'DeploymentFailed', message: 'At least one resource deployment operation failed.', details: [{ code: 'InvalidPayload', message: 'Data collection rule is invalid', details: [{ code: 'InvalidOutputTable', message: "Table for output stream 'Custom-MessageTrace_CL' is not available for destination 'workspace'." }] }] } } });
    }
    return send(200, {
      id,
      properties: {
        provisioningState: 'Succeeded',
        outputs: {
          logsIngestionEndpoint: { type: 'String', value: 'https://sentinel-hunt-messagetrace-a1b2.eastus-1.ingest.monitor.azure.com' },
          dataCollectionRuleImmutableId: { type: 'String', value: 'dcr-0123456789abcdef0123456789abcdef' },
          streamName: { type: 'String', value: 'Custom-MessageTrace_CL' },
          table: { type: 'String', value: 'MessageTrace_CL' },
          dataCollectionRuleId: { type: 'String', value: `/subscriptions/${match[1]}/resourceGroups/${match[2]}/providers/Microsoft.Insights/dataCollectionRules/sentinel-hunt-messagetrace` },
          workspaceId: { type: 'String', value: '44444444-4444-4444-4444-444444444444' },
        },
      },
    });
  });
  closers.push(() => server.close());
  return { server, calls };
}

async function deploy(arm: TestHttpsServer, profile: IngestProfile, extra: string[] = []): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runSetupAzure([
    '--profile', profile.name, '--deploy', '--workspace-name', 'soc-ws', '--subscription', SUBSCRIPTION, '--resource-group', 'soc-rg',
    '--principal-id', PRINCIPAL, '--deployment-name', 'sh-test', '--arm-endpoint', arm.url, '--credential', 'env-token', ...extra,
  ], { out: (t) => out.push(t), err: (t) => err.push(t), env: { SENTINEL_HUNT_ACCESS_TOKEN: 'arm-token' }, pollIntervalMs: 5 });
  return { code, out: out.join(''), err: err.join('') };
}

test('--deploy PUTs the deployment, polls it, and prints what to give `ingest --into azure`', async () => {
  const profile = ingestProfile('dcr');
  const { server, calls } = await startArm('Succeeded');
  const result = await deploy(server, profile);
  assert.equal(result.code, 0, result.err);

  const put = calls[0];
  assert.equal(put.method, 'PUT');
  assert.equal(put.url, `/subscriptions/${SUBSCRIPTION}/resourcegroups/soc-rg/providers/Microsoft.Resources/deployments/sh-test?api-version=${API_VERSIONS.deployments}`);
  assert.equal(put.authorization, 'Bearer arm-token');
  assert.equal(put.body?.properties.mode, 'Incremental');
  assert.deepEqual(put.body?.properties.template, buildSetupTemplate({ profile }));
  assert.deepEqual(put.body?.properties.parameters, { workspaceName: { value: 'soc-ws' }, principalId: { value: PRINCIPAL } });
  assert.deepEqual(calls.slice(1).map((c) => c.method), ['GET', 'GET']);

  assert.match(result.out, /ingestion endpoint {2}https:\/\/sentinel-hunt-messagetrace-a1b2\.eastus-1\.ingest\.monitor\.azure\.com\n/);
  assert.match(result.out, /DCR immutable id {4}dcr-0123456789abcdef0123456789abcdef\n/);
  assert.match(result.out, /stream {14}Custom-MessageTrace_CL\n/);
  assert.match(result.out, /sentinel-hunt ingest --source graph --profile dcr --into azure --ingestion-endpoint https:\/\/sentinel-hunt-messagetrace-a1b2\.eastus-1\.ingest\.monitor\.azure\.com --dcr-id dcr-0123456789abcdef0123456789abcdef --stream Custom-MessageTrace_CL --state MessageTrace_CL\.state\.json --reconcile 44444444-4444-4444-4444-444444444444/);
  assert.match(result.err, /deployment Accepted\n.*deployment Running\n.*deployment Succeeded\n/s);
});

test('a failed deployment prints Resource Manager\'s reasons; a refused one names the roles to ask for', async () => {
  const profile = ingestProfile('dcr');
  const failed = await deploy((await startArm('Failed')).server, profile);
  assert.equal(failed.code, 1);
  assert.match(failed.err, /deployment sh-test failed: DeploymentFailed: At least one resource deployment operation failed\.; InvalidPayload: Data collection rule is invalid; InvalidOutputTable: Table for output stream/);

  const forbidden = await deploy((await startArm('Forbidden')).server, profile);
  assert.equal(forbidden.code, 1);
  assert.match(forbidden.err, /refused the deployment \(403\): creating the table and the data collection rule needs Log Analytics Contributor and Monitoring Contributor/);
  assert.match(forbidden.err, /AuthorizationFailed: The client with object id/);
  assert.ok(!forbidden.err.includes('arm-token'));
});
