// Whether a pid from a lock file still names a live process (for stale-lock detection in lib/db and scripts/).

/** True while a process with this pid exists; EPERM means it exists but belongs to another user. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
