// The local OpenID Connect provider: oidc-provider (a certified implementation) configured the way a Cognito user
// pool serves the console — authorization code flow with PKCE, RS256 ID tokens carrying `cognito:groups`, RP-initiated
// logout — with keys and state persisted under the data dir and our own sign-in page listing the demo users.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import Provider, { type Configuration } from "oidc-provider";
import { FileStore, fileAdapter } from "./file-adapter";
import { loadOrCreateKeys } from "./keys";
import { errorPage, logoutPage, signInPage } from "./pages";
import { DEMO_USERS, findDemoUser } from "./users";

export interface IdpConfig {
  port: number;
  host: string;
  dataDir: string;
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  /** Public issuer URL; default http://127.0.0.1:<port>. */
  issuer?: string;
}

export interface RunningIdp {
  issuer: string;
  port: number;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
  res.end(html);
}

async function formBody(req: IncomingMessage): Promise<URLSearchParams> {
  let text = "";
  for await (const chunk of req) {
    text += chunk;
    if (text.length > 10_000) throw new Error("request body too large");
  }
  return new URLSearchParams(text);
}

export async function startIdp(config: IdpConfig): Promise<RunningIdp> {
  const keys = await loadOrCreateKeys(config.dataDir);
  const store = new FileStore(path.join(config.dataDir, "state.json"));
  const server: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const issuer = config.issuer ?? `http://127.0.0.1:${port}`;

  const configuration: Configuration = {
    adapter: fileAdapter(store),
    clients: [
      {
        client_id: config.clientId,
        client_secret: config.clientSecret,
        client_name: "Audit Checks Console",
        redirect_uris: config.redirectUris,
        post_logout_redirect_uris: config.postLogoutRedirectUris,
        response_types: ["code"],
        grant_types: ["authorization_code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    jwks: keys.jwks as Configuration["jwks"],
    cookies: { keys: keys.cookieKeys },
    pkce: { required: () => true },
    // Cognito puts the groups (and the profile) in the ID token itself; so does this provider.
    conformIdTokenClaims: false,
    claims: {
      openid: ["sub", "cognito:groups"],
      email: ["email", "email_verified"],
      profile: ["name", "preferred_username"],
    },
    async findAccount(_ctx, sub) {
      const user = findDemoUser(sub);
      if (!user) return undefined;
      return {
        accountId: user.sub,
        claims: async () => ({
          sub: user.sub,
          name: user.name,
          preferred_username: user.username,
          email: user.email,
          email_verified: true,
          "cognito:groups": user.groups,
        }),
      };
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // Lifetimes set explicitly (seconds), short like a company IdP's: a sign-in page left open expires, the
    // provider's own session lasts a working day, tokens an hour. The console keeps its own session.
    ttl: {
      Interaction: 10 * 60,
      Session: 12 * 60 * 60,
      Grant: 12 * 60 * 60,
      AccessToken: 60 * 60,
      IdToken: 60 * 60,
      AuthorizationCode: 60,
    },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.type = "html";
          ctx.body = logoutPage(form);
        },
      },
    },
    async renderError(ctx, out) {
      ctx.type = "html";
      ctx.body = errorPage("Sign-in error", `${out.error}: ${out.error_description ?? ""}`);
    },
  };
  const provider = new Provider(issuer, configuration);
  provider.proxy = issuer.startsWith("https://");
  const oidc = provider.callback();

  async function interaction(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    if (req.method === "GET") {
      if (details.prompt.name === "login") {
        const client = await provider.Client.find(String(details.params.client_id));
        return send(res, 200, signInPage(details.uid, client?.clientName ?? "the console", DEMO_USERS));
      }
      // The console is this provider's own first-party client: consent is granted without asking, as Cognito does.
      const accountId = details.session?.accountId;
      if (!accountId) return send(res, 400, errorPage("Sign-in error", "No signed-in user for this request."));
      const grant = details.grantId
        ? ((await provider.Grant.find(details.grantId)) ??
          new provider.Grant({ accountId, clientId: String(details.params.client_id) }))
        : new provider.Grant({ accountId, clientId: String(details.params.client_id) });
      grant.addOIDCScope(String(details.params.scope ?? "openid"));
      const grantId = await grant.save();
      return provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    }
    if (req.method === "POST" && url.pathname.endsWith("/login")) {
      const user = findDemoUser((await formBody(req)).get("sub") ?? "");
      if (!user) return send(res, 400, errorPage("Unknown user", "Choose one of the listed demo users."));
      return provider.interactionFinished(
        req,
        res,
        { login: { accountId: user.sub } },
        { mergeWithLastSubmission: false },
      );
    }
    send(res, 405, errorPage("Not allowed", "This page accepts GET, and POST to /login."));
  }

  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", issuer);
    if (url.pathname === "/_idp/health") {
      res.writeHead(200, { "content-type": "application/json" });
      return res.end(JSON.stringify({ ok: true, issuer }));
    }
    if (url.pathname.startsWith("/interaction/")) {
      interaction(req, res, url).catch((error: unknown) => {
        // An expired or unknown interaction (e.g. the browser lost its cookie) is the user's to restart.
        const message = error instanceof Error ? error.message : String(error);
        if (!res.headersSent)
          send(res, 400, errorPage("Sign-in expired", `Start the sign-in again from the console. (${message})`));
      });
      return;
    }
    oidc(req, res);
  });

  return {
    issuer,
    port,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      store.flush();
    },
  };
}
