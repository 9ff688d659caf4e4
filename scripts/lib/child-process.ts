// Child processes of `npm start`: output prefixed line by line, a wait for a readiness line, clean shutdown.
import { spawn, type ChildProcess } from "node:child_process";
import readline from "node:readline";
import { formatLogLine } from "@/lib/log/format";

export interface Child {
  name: string;
  process: ChildProcess;
  /** Resolves with the exit code (or signal name) when the child ends. */
  exited: Promise<number | string>;
  /** Resolves with the first output line matching `pattern`; rejects if the child exits or `timeoutMs` passes. */
  waitForLine(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
  /**
   * Resolves with the first `count` output lines matching `pattern`, seen by one listener: lines that arrive in one
   * chunk are emitted together, so waiting for them one after another could miss the later ones.
   */
  waitForLines(pattern: RegExp, count: number, timeoutMs: number): Promise<RegExpMatchArray[]>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the child has exited. */
  stop(graceMs?: number): Promise<void>;
}

/** Starts `command args` with every output line prefixed by `[name]`. */
export function startChild(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): Child {
  // Not detached: children stay in our process group, so whoever ends the group ends them too (Ctrl-C reaches all
  // of us at once; Playwright's webServer SIGKILLs the group). Detached children would outlive a killed parent and
  // keep holding their ports.
  const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  const listeners = new Set<(line: string) => void>();
  const prefix = `[${name}]`;
  for (const [stream, out] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ] as const) {
    if (!stream) continue;
    // The console logs JSON lines; a person at a terminal reads them formatted.
    const readable = out.isTTY === true && process.env.LOG_FORMAT !== "json";
    readline.createInterface({ input: stream }).on("line", (line) => {
      out.write(`${prefix} ${readable ? formatLogLine(line, { color: true }) : line}\n`);
      for (const listener of listeners) listener(line);
    });
  }
  const exited = new Promise<number | string>((resolve) => {
    child.on("exit", (code, signal) => resolve(code ?? signal ?? "unknown"));
    child.on("error", (error) => {
      process.stderr.write(`${prefix} could not start: ${error.message}\n`);
      resolve(1);
    });
  });

  const waitForLines: Child["waitForLines"] = (pattern, count, timeoutMs) =>
    new Promise((resolve, reject) => {
      const matches: RegExpMatchArray[] = [];
      const timer = setTimeout(() => {
        listeners.delete(onLine);
        reject(
          new Error(
            `${name} did not print ${pattern} ${count > 1 ? `${count} times ` : ""}within ${timeoutMs / 1000} s`,
          ),
        );
      }, timeoutMs);
      const onLine = (line: string) => {
        const match = line.match(pattern);
        if (!match) return;
        matches.push(match);
        if (matches.length < count) return;
        clearTimeout(timer);
        listeners.delete(onLine);
        resolve(matches);
      };
      listeners.add(onLine);
      void exited.then((code) => {
        clearTimeout(timer);
        if (listeners.delete(onLine)) reject(new Error(`${name} exited (${code}) before it was ready`));
      });
    });

  return {
    name,
    process: child,
    exited,
    waitForLines,
    async waitForLine(pattern, timeoutMs) {
      return (await waitForLines(pattern, 1, timeoutMs))[0]!;
    },
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
      // Both wrappers we start (tsx, the next CLI) pass SIGTERM on to the process they run.
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
