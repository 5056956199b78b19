// Package notify owns the text messages (SMS) the portal sends to citizens:
// the templates (vi and en, unaccented ASCII), the transactional outbox
// (Notifier.EnqueueTx queues a River job in the caller's transaction), the
// workers that deliver through a Provider (a JSON-lines file sink or an HTTP
// gateway) with retries, and the notifications table that records each
// message's status and attempts.
//
// OTP messages go to their own queue (jobs.QueueSMSOTP) ahead of bulk messages
// (jobs.QueueSMSBulk) and are dropped, not sent late, once their code has expired.
// The text of an OTP message is never stored in clear: the job carries it
// sealed with a key derived from the server secret, and the notifications
// table keeps it with every code redacted. Neither the text nor the full
// phone number is ever logged.
//
// Sending right after the commit (direct.go). A process that works the
// queues (DVC_WORKER) sends each message queued in a postgres.InTx
// transaction itself, right after that transaction commits, instead of
// waiting for River's insert–notify–fetch–complete cycle (about 2 ms of
// CPU and five statements per message). The River job inserted in the same
// transaction stays the durable record of the message, scheduled
// DirectConfig.Fallback (5 s) later:
//   - the direct send succeeds or the gateway rejects it: one statement
//     records the outcome and deletes the job if no worker has started it
//     (scheduled, or made available early by River's scheduler, which looks
//     ahead by its 5 s interval). That statement commits asynchronously
//     (synchronous_commit off for its own transaction only): a PostgreSQL
//     crash in the fraction of a second before the WAL writer flushes it
//     may undo it, which leaves the message exactly as a process that died
//     before settling would (its job sends it again, same reference);
//   - it fails otherwise or times out (3 s, shorter than the fallback, so a
//     job never starts while the direct send may still succeed): the
//     attempt is recorded and the job made available at once; the worker
//     retries as before;
//   - the process dies after the commit, is stopping (Drain) or has 64
//     sends in flight: the job becomes available at its scheduled time and
//     any worker sends it (within about 5 s + River's scheduler interval of
//     5 s of the commit; the message is never lost).
//
// Delivery is at least once, as it was with the worker alone: a send that
// succeeded just before its process died, or that the gateway completed
// after the direct send gave up, is sent again by the job with the same
// provider reference, which the gateway uses as its idempotency key. An OTP
// leaves within milliseconds of its commit on the normal path. A message
// queued in a transaction not begun by postgres.InTx goes through the job
// alone, available at once.
package notify
