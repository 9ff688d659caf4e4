// The provider's own HTML: the sign-in page (one button per demo user), the sign-out confirmation and errors.
import type { DemoUser } from "./users";

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const STYLE = `body{font-family:system-ui,sans-serif;background:#f4f4f5;color:#18181b;margin:0}
main{max-width:380px;margin:10vh auto;background:#fff;border:1px solid #e4e4e7;border-radius:8px;padding:28px}
h1{font-size:18px;margin:0 0 4px}p{font-size:14px;color:#52525b;margin:0 0 20px}
form{margin:0 0 10px}button{width:100%;text-align:left;font:inherit;font-size:14px;padding:10px 14px;border:1px solid #d4d4d8;
border-radius:6px;background:#fff;cursor:pointer}button:hover{background:#f4f4f5}button:focus-visible{outline:2px solid #18181b}
.sub{display:block;font-size:12px;color:#71717a}.note{font-size:12px;color:#71717a;margin-top:18px}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

export function signInPage(uid: string, clientName: string, users: readonly DemoUser[]): string {
  const buttons = users
    .map(
      (u) => `<form method="post" action="/interaction/${esc(uid)}/login">
<input type="hidden" name="sub" value="${esc(u.sub)}">
<button type="submit" aria-label="Sign in as ${esc(u.username)}">Sign in as <strong>${esc(u.username)}</strong>
<span class="sub">${esc(u.email)} · group ${esc(u.groups.join(", "))}</span></button></form>`,
    )
    .join("\n");
  return page(
    "Sign in · local identity provider",
    `<h1>Local identity provider</h1><p>Choose a demo user to sign in to ${esc(clientName)}.</p>${buttons}
<p class="note">This provider stands in for the company's identity provider (a Cognito user pool in AWS) on a local stack.</p>`,
  );
}

/** oidc-provider's logout confirmation, submitted at once: the console asked for the sign-out. */
export function logoutPage(form: string): string {
  return page(
    "Signing out",
    `<h1>Signing out…</h1>${form.replace("</form>", '<input type="hidden" name="logout" value="yes"></form>')}
<button type="submit" form="op.logoutForm">Continue</button>
<script>document.forms[0].submit()</script>`,
  );
}

export function errorPage(title: string, detail: string): string {
  return page(title, `<h1>${esc(title)}</h1><p>${esc(detail)}</p>`);
}
