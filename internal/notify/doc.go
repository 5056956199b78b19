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
package notify
