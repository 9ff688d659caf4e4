// Service tokens (admin): who may call the console from scripts, with which role, until when.
import type { Metadata } from "next";
import { NewTokenForm, RevokeTokenButton } from "@/components/tokens/token-form";
import { Badge } from "@/components/ui/badge";
import { formatUtcMinute } from "@/components/ui/format";
import { requirePage } from "@/lib/auth/guards";
import { listServiceTokens } from "@/lib/db/service-tokens";

export const metadata: Metadata = { title: "Service tokens" };
export const dynamic = "force-dynamic";

export default async function TokensPage() {
  await requirePage("manageTokens");
  const tokens = await listServiceTokens();
  const now = new Date();
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-xl font-semibold tracking-tight">Service tokens</h1>
        <p className="mt-1 text-sm text-zinc-600">
          Scripts send a token as <code className="font-mono">Authorization: Bearer &lt;token&gt;</code> and act with
          its role. Only a hash is stored: a lost token cannot be shown again, revoke it and create another.
        </p>
      </div>
      <NewTokenForm />
      {tokens.length === 0 ? (
        <p className="text-sm text-zinc-600">No tokens yet.</p>
      ) : (
        <div className="overflow-x-auto rounded-md border border-zinc-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-zinc-200 bg-zinc-50 text-xs text-zinc-600">
              <tr>
                <th className="px-3 py-2 font-medium">Name</th>
                <th className="px-3 py-2 font-medium">Role</th>
                <th className="px-3 py-2 font-medium">Created (UTC)</th>
                <th className="px-3 py-2 font-medium">Expires</th>
                <th className="px-3 py-2 font-medium">Last used</th>
                <th className="px-3 py-2 font-medium">State</th>
                <th className="px-3 py-2" />
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100">
              {tokens.map((t) => {
                const expired = t.expiresAt !== null && t.expiresAt <= now;
                return (
                  <tr key={t.id}>
                    <td className="px-3 py-2 font-mono text-xs break-all">{t.name}</td>
                    <td className="px-3 py-2">{t.role}</td>
                    <td className="px-3 py-2 whitespace-nowrap">
                      {formatUtcMinute(t.createdAt)}
                      <span className="block text-xs text-zinc-500">{t.createdBy}</span>
                    </td>
                    <td className="px-3 py-2 whitespace-nowrap">
                      {t.expiresAt ? formatUtcMinute(t.expiresAt) : "never"}
                    </td>
                    <td className="px-3 py-2 whitespace-nowrap">
                      {t.lastUsedAt ? formatUtcMinute(t.lastUsedAt) : "—"}
                    </td>
                    <td className="px-3 py-2">
                      {t.revokedAt ? (
                        <Badge tone="red">revoked</Badge>
                      ) : expired ? (
                        <Badge tone="amber">expired</Badge>
                      ) : (
                        <Badge tone="green">active</Badge>
                      )}
                    </td>
                    <td className="px-3 py-2 text-right">
                      {t.revokedAt ? null : <RevokeTokenButton id={t.id} name={t.name} />}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
