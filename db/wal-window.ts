import { dbKind, type Db } from "./client";
import { truncateWal } from "./repositories/iit-seal";

// The window of history a copy of a SQLite database holds during a round (docs/anonymity.md): every committed
// transaction stays in the -wal file as frames until a checkpoint lets the WAL start again, and the frames of
// one submission pair its spent code with its answer sheet. After a batch that stored IIT answers, a TRUNCATE
// checkpoint follows within `delayMs` (one timer per database, so a busy round checkpoints at most once per
// delay and the submission path itself never waits for it); the WAL is then zero bytes long.

const timers = new WeakMap<Db, NodeJS.Timeout>();

export const WAL_TRUNCATE_DELAY_MS = 5000;

/** Schedules one TRUNCATE checkpoint of a SQLite database (nothing on PostgreSQL). */
export function truncateWalSoon(db: Db, delayMs = WAL_TRUNCATE_DELAY_MS): void {
  if (timers.has(db) || dbKind(db) !== "sqlite") return;
  const timer = setTimeout(() => {
    timers.delete(db);
    // Never wait for a reader here (the wait would hold the event loop): a busy WAL is tried again later.
    truncateWal(db, 0).then(
      (done) => void (done || truncateWalSoon(db, delayMs)),
      () => {}, // a database closed meanwhile (tests, shutdown): nothing to do
    );
  }, delayMs);
  timer.unref();
  timers.set(db, timer);
}
