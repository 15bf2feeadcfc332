/**
 * The fakes' consent page: plain HTML with a form (no script, no inline style) so it works under the
 * app's CSP (`script-src 'self'; style-src 'self'; form-action 'self'`) when mounted in sandbox mode.
 */
import type { FakeUser } from './types.ts';

export interface ConsentPageInput {
  platformName: string;
  clientId: string;
  scopes: readonly { scope: string; description: string }[];
  users: readonly FakeUser[];
  defaultUser: FakeUser | undefined;
  /** The authorize parameters, posted back unchanged as hidden fields. */
  params: Readonly<Record<string, string>>;
  /** Where the form posts (the authorize path itself, same origin). */
  action: string;
  cssHref: string;
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function renderConsentPage(input: ConsentPageInput): string {
  const e = escapeHtml;
  const hidden = Object.entries(input.params)
    .map(([k, v]) => `    <input type="hidden" name="${e(k)}" value="${e(v)}">`)
    .join('\n');
  const scopes =
    input.scopes.length === 0
      ? '      <li>no scopes (basic identity only)</li>'
      : input.scopes.map((s) => `      <li><code>${e(s.scope)}</code> — ${e(s.description)}</li>`).join('\n');
  const users = input.users
    .map((u) => {
      const checked = u.id === input.defaultUser?.id ? ' checked' : '';
      return `      <label class="user"><input type="radio" name="user" value="${e(u.id)}"${checked}> ${e(u.displayName)} <span class="login">@${e(u.login)}</span></label>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Authorize — ${e(input.platformName)} (Bifrost sandbox)</title>
  <link rel="stylesheet" href="${e(input.cssHref)}">
</head>
<body>
  <main class="consent">
    <p class="badge">Fake ${e(input.platformName)} — Bifrost sandbox, no real account is used</p>
    <h1>Authorize <code>${e(input.clientId)}</code></h1>
    <form method="post" action="${e(input.action)}">
${hidden}
    <fieldset>
      <legend>Sign in as</legend>
${users}
    </fieldset>
    <h2>This application asks to</h2>
    <ul class="scopes">
${scopes}
    </ul>
    <div class="actions">
      <button type="submit" name="decision" value="approve" class="approve">Authorize</button>
      <button type="submit" name="decision" value="deny" class="deny">Deny</button>
    </div>
    </form>
  </main>
</body>
</html>
`;
}

export const CONSENT_CSS = `body{font-family:system-ui,sans-serif;background:#f4f4f7;color:#1d1d24;margin:0}
.consent{max-width:34rem;margin:3rem auto;background:#fff;padding:2rem;border-radius:12px;box-shadow:0 2px 12px rgba(0,0,0,.08)}
.badge{background:#fff3cd;border:1px solid #e0c36a;padding:.4rem .7rem;border-radius:6px;font-size:.85rem}
fieldset{border:1px solid #ddd;border-radius:8px;margin:1rem 0}
.user{display:block;padding:.25rem 0}
.login{color:#666}
.scopes li{margin:.3rem 0}
.actions{display:flex;gap:.75rem;margin-top:1.5rem}
button{font-size:1rem;padding:.6rem 1.4rem;border-radius:8px;border:1px solid #888;cursor:pointer}
.approve{background:#3b5bdb;color:#fff;border-color:#3b5bdb}
.deny{background:#fff}
`;
