// oidc-provider storage (sessions, interactions, grants, codes, tokens) kept in memory and written to one JSON file
// under the data dir, so a restart of the local provider keeps users signed in and replays stay detectable.
// Expired entries are dropped on read and on save. One process owns the file (the provider runs once per data dir).
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Adapter, AdapterPayload } from "oidc-provider";

interface Entry {
  payload: AdapterPayload;
  /** epoch ms; undefined = no expiry */
  expiresAt?: number;
}

export class FileStore {
  private readonly entries = new Map<string, Entry>();
  private saveTimer: NodeJS.Timeout | undefined;

  constructor(private readonly file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
    try {
      const stored = JSON.parse(readFileSync(file, "utf8")) as Record<string, Entry>;
      for (const [key, entry] of Object.entries(stored)) this.entries.set(key, entry);
    } catch {
      // no file yet (first start) or an unreadable one: start empty; users simply sign in again
    }
  }

  get(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry?.expiresAt !== undefined && entry.expiresAt <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  set(key: string, entry: Entry): void {
    this.entries.set(key, entry);
    this.scheduleSave();
  }

  delete(key: string): void {
    if (this.entries.delete(key)) this.scheduleSave();
  }

  keys(): IterableIterator<string> {
    return this.entries.keys();
  }

  /** Writes now (shutdown). */
  flush(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    const now = Date.now();
    const out: Record<string, Entry> = {};
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt === undefined || entry.expiresAt > now) out[key] = entry;
    }
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(out), { mode: 0o600 });
    renameSync(tmp, this.file);
  }

  private scheduleSave(): void {
    this.saveTimer ??= setTimeout(() => this.flush(), 200);
  }
}

/** An oidc-provider Adapter class over one FileStore (the provider instantiates it once per model name). */
export function fileAdapter(store: FileStore): new (name: string) => Adapter {
  return class FileAdapter implements Adapter {
    constructor(private readonly name: string) {}

    private key(id: string): string {
      return `${this.name}:${id}`;
    }

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      const expiresAt = expiresIn ? Date.now() + expiresIn * 1000 : undefined;
      store.set(this.key(id), { payload, expiresAt });
      if (payload.grantId) {
        const grantKey = `grant:${payload.grantId}`;
        const ids = (store.get(grantKey)?.payload.ids as string[] | undefined) ?? [];
        store.set(grantKey, { payload: { ids: [...ids, this.key(id)] }, expiresAt });
      }
      if (payload.userCode) store.set(`userCode:${payload.userCode}`, { payload: { id }, expiresAt });
      if (payload.uid) store.set(`uid:${this.name}:${payload.uid}`, { payload: { id }, expiresAt });
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      return store.get(this.key(id))?.payload;
    }

    async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      const id = store.get(`userCode:${userCode}`)?.payload.id as string | undefined;
      return id ? this.find(id) : undefined;
    }

    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      const id = store.get(`uid:${this.name}:${uid}`)?.payload.id as string | undefined;
      return id ? this.find(id) : undefined;
    }

    async consume(id: string): Promise<void> {
      const entry = store.get(this.key(id));
      if (entry)
        store.set(this.key(id), { ...entry, payload: { ...entry.payload, consumed: Math.floor(Date.now() / 1000) } });
    }

    async destroy(id: string): Promise<void> {
      store.delete(this.key(id));
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      const grantKey = `grant:${grantId}`;
      for (const key of (store.get(grantKey)?.payload.ids as string[] | undefined) ?? []) store.delete(key);
      store.delete(grantKey);
    }
  };
}
