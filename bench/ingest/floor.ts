// The benchmark's floor: what any client must do to move the rows, and nothing more. The same
// Graph pages are fetched (one query per day, as the pipeline reads) and JSON-parsed, each item
// is shaped into the profile's columns with plain property copies, and the rows go as JSON
// arrays under 1 MB, gzipped as the sink gzips them, one POST at a time, to the same Logs
// Ingestion server. No SDK, no de-duplication, no state, no checks.
import { Agent, request } from 'node:https';
import { performance } from 'node:perf_hooks';
import { gzipBody } from '../../src/azure/upload-request';
import { MESSAGE_TRACES_PATH } from '../../src/trace/graph/constants';
import { planGraphSpans, spanFilter } from '../../src/trace/graph/windows';
import { procStatusMiB } from '../stats';
import { MemorySampler } from './memory-sampler';
import type { ChildConfig, ChildReport } from './protocol';

const DAY_MS = 86_400_000;
const MAX_BODY = 1_000_000;
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

type GraphItem = Record<string, string | number>;

function send(method: 'GET' | 'POST', url: string, headers: Record<string, string>, body?: Buffer): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

function domain(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

/** The dcr profile's columns, or the classic profile's, from a Graph item. */
function shape(item: GraphItem, profile: ChildConfig['profile']): Record<string, string | number> {
  const status = String(item.status);
  return profile === 'dcr'
    ? {
      TimeGenerated: item.receivedDateTime, Received: item.receivedDateTime, SenderAddress: item.senderAddress, RecipientAddress: item.recipientAddress,
      SenderDomain: domain(String(item.senderAddress)), RecipientDomain: domain(String(item.recipientAddress)), Subject: item.subject, Status: status,
      FromIP: item.fromIP, ToIP: item.toIP, Size: item.size, MessageId: item.messageId, MessageTraceId: item.id,
    }
    : {
      TimeGenerated: item.receivedDateTime, Received_t: item.receivedDateTime, SenderAddress_s: item.senderAddress, RecipientAddress_s: item.recipientAddress,
      Subject_s: item.subject, Status_s: status.charAt(0).toUpperCase() + status.slice(1), FromIP_s: item.fromIP, ToIP_s: item.toIP,
      Size_d: item.size, MessageId_s: item.messageId, MessageTraceId_g: item.id,
    };
}

export async function runFloor(config: ChildConfig, hwmBeforeMiB: number): Promise<ChildReport> {
  const { ingestion } = config;
  const postUrl = `${ingestion.url}/dataCollectionRules/${ingestion.dcr}/streams/${ingestion.stream}?api-version=2023-01-01`;
  let parts: string[] = [];
  let size = 2;
  let rows = 0;
  const post = async (): Promise<void> => {
    const body = await gzipBody(`[${parts.join(',')}]`);
    const answer = await send('POST', postUrl, {
      authorization: `Bearer ${ingestion.token}`, 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': String(body.length),
    }, body);
    if (answer.status !== 204) throw new Error(`the ingestion server answered ${answer.status}: ${answer.text}`);
    rows += parts.length;
    parts = [];
    size = 2;
  };

  const started = performance.now();
  const cpu = process.cpuUsage();
  const memory = new MemorySampler();
  const [start, end] = [Date.parse(config.start), Date.parse(config.end)];
  for (let day = start; day < end; day += DAY_MS) {
    const window = { start: new Date(day), end: new Date(Math.min(end, day + DAY_MS)) };
    for (const span of planGraphSpans(window, Date.now())) {
      let url: string | undefined = `${config.graph.url}${MESSAGE_TRACES_PATH}?$filter=${encodeURIComponent(spanFilter(span))}&$top=5000`;
      while (url !== undefined) {
        const answer = await send('GET', url, { authorization: `Bearer ${config.graph.token}`, accept: 'application/json' });
        if (answer.status !== 200) throw new Error(`the Graph server answered ${answer.status}: ${answer.text}`);
        const page = JSON.parse(answer.text) as { value: GraphItem[]; '@odata.nextLink'?: string };
        for (const item of page.value) {
          const received = Date.parse(String(item.receivedDateTime));
          if (received < window.start.getTime() || received >= window.end.getTime()) continue;
          const json = JSON.stringify(shape(item, config.profile));
          if (size + json.length + 1 > MAX_BODY) await post();
          parts.push(json);
          size += json.length + 1;
        }
        url = page['@odata.nextLink'];
      }
    }
  }
  if (parts.length > 0) await post();
  const elapsedMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  agent.destroy();
  return { mode: 'floor', rows, elapsedMs, cpuMs: (used.user + used.system) / 1000, hwmBeforeMiB, hwmMiB: procStatusMiB('VmHWM'), ...memory.stop() };
}
