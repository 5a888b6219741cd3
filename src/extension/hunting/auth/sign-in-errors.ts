// Microsoft Entra sign-in failures in words a user can act on: who has to do what, where.
// The AADSTS code stays in the message so that it can be looked up.

export interface SignInContext {
  /** What the token is for: "read message trace from Microsoft Graph". */
  purpose: string;
  /** The permission asked for, e.g. ExchangeMessageTrace.Read.All. */
  permission?: string;
  tenant?: string;
  clientId?: string;
}

const VSCODE_REDIRECTS = 'http://localhost and https://vscode.dev/redirect';

/** Whether the user dismissed the sign-in (not an error worth explaining). */
export function isSignInCancelled(error: unknown): boolean {
  const text = error instanceof Error ? error.message : String(error);
  return /\bcancel+ed\b|did not consent|user declined/i.test(text) && !/AADSTS/.test(text);
}

export function explainSignInError(error: unknown, context: SignInContext): string {
  const said = error instanceof Error ? error.message : String(error);
  const app = context.clientId ? `the app ${context.clientId}` : 'the app';
  const tenant = context.tenant ? ` in tenant ${context.tenant}` : '';
  const permission = context.permission ?? 'the permission it needs';
  const code = /AADSTS(\d+)/.exec(said)?.[1];
  switch (code) {
    case '65001': {
      const consentUrl = context.tenant && context.clientId
        ? ` (or open https://login.microsoftonline.com/${encodeURIComponent(context.tenant)}/adminconsent?client_id=${encodeURIComponent(context.clientId)})`
        : '';
      return `Cannot sign in to ${context.purpose}: nobody has consented to ${permission} for ${app}${tenant} (AADSTS65001). `
        + `An administrator grants it once for everyone: Microsoft Entra admin center > App registrations > the app > API permissions > `
        + `"Grant admin consent"${consentUrl}. Then run the command again.`;
    }
    case '65002':
      return `Cannot sign in to ${context.purpose}: Microsoft does not let VS Code's own sign-in app ask for ${permission} (AADSTS65002). `
        + `Use an app registration of your tenant: give it the delegated permission ${permission}, grant admin consent, add ${VSCODE_REDIRECTS} `
        + `as redirect URIs (Mobile and desktop applications), and enter its application (client) id when asked (setting sentinelHunt.graph.clientId).`;
    case '700016':
      return `Cannot sign in to ${context.purpose}: ${app} does not exist${tenant} (AADSTS700016). Check the client id and the tenant.`;
    case '50011':
      return `Cannot sign in to ${context.purpose}: ${app} does not allow VS Code's redirect URIs (AADSTS50011). Add ${VSCODE_REDIRECTS} `
        + 'to its Authentication settings (Mobile and desktop applications).';
    case '50020': case '90072':
      return `Cannot sign in to ${context.purpose}: the account you chose is not a member of the tenant${tenant} (AADSTS${code}). Sign in with an account of that tenant.`;
    case '7000215': case '7000222':
      return `Cannot sign in to ${context.purpose}: the client secret of ${app} is wrong or expired (AADSTS${code}). Create a new secret for the app and enter it when asked.`;
    default:
      break;
  }
  if (/no authentication provider|not.*registered.*microsoft|provider.*microsoft.*not found/i.test(said)) {
    return `Cannot sign in to ${context.purpose}: this VS Code has no Microsoft sign-in. Use an app registration with a client secret or a certificate instead.`;
  }
  return `Cannot sign in to ${context.purpose}: ${said}`;
}
