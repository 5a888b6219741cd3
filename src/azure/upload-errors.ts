// What a failed Logs Ingestion upload means for the user: which role, id, stream or column to fix.
import type { IngestProfile } from '../ingest/profiles';
import { AzureError, httpFailure, serviceMessage } from './errors';

export interface UploadTarget {
  endpoint: string;
  dcrImmutableId: string;
  streamName: string;
  profile: IngestProfile;
  audience: string;
}

/** `cause`: the error of the last attempt; `why`: the retry decision's reason (retries spent ...). */
export function uploadError(cause: unknown, why: string, target: UploadTarget): AzureError {
  const failure = httpFailure(cause);
  if (!failure.restError) {
    const message = cause instanceof Error ? cause.message : String(cause);
    const credential = cause instanceof Error && /Credential|Authentication/.test(cause.name);
    return credential
      ? new AzureError(`could not get a token for ${target.audience}: ${message}`, 'unauthorized')
      : new AzureError(`could not send rows to the Logs Ingestion API: ${message}`, 'network');
  }
  const said = serviceMessage(failure);
  const dcr = target.dcrImmutableId;
  switch (failure.status) {
    case undefined:
      return new AzureError(`could not reach the Logs Ingestion endpoint ${target.endpoint} (${why}): ${said}`, 'network');
    case 401:
      return new AzureError(`the Logs Ingestion API refused the token (401): sign in to the tenant of data collection rule ${dcr}; the token's audience must be ${target.audience}. Service: ${said}`, 'unauthorized', 401);
    case 403:
      return new AzureError(`the Logs Ingestion API refused the upload (403): the signed-in identity needs the Monitoring Metrics Publisher role on data collection rule ${dcr} (a new role assignment can take up to 30 minutes to apply). Service: ${said}`, 'forbidden', 403);
    case 404:
      return new AzureError(`no data collection rule ${dcr} with stream ${target.streamName} at ${target.endpoint} (404): check the DCR immutable id (dcr-...), the stream name and the endpoint; \`sentinel-hunt setup-azure\` prints all three. Service: ${said}`, 'not-found', 404);
    case 400: {
      const columns = target.profile.columns.map((c) => c.name).join(', ');
      return new AzureError(`the Logs Ingestion API rejected the rows (400): ${said.replace(/\.+$/, '')}. The ${target.profile.name} profile sends the columns ${columns}; the declaration of stream ${target.streamName} in the data collection rule must match them (setup-azure --profile ${target.profile.name} creates one that does)`, 'bad-request', 400);
    }
    case 413:
      return new AzureError(`the Logs Ingestion API found a request too large (413): ${said}`, 'too-large', 413);
    case 429:
      return new AzureError(`data collection rule ${dcr} is throttled (${why}); run again later, the rows not accepted are sent then. Service: ${said}`, 'throttled', 429);
    default:
      return new AzureError(`the Logs Ingestion API failed (${why}); run again later, the rows not accepted are sent then. Service: ${said}`, 'server', failure.status);
  }
}
