-- One IPN confirmation as internal/payment applies it (apply.go, succeed):
-- the statements of its single transaction, for the pgbench ceiling of
-- confirmations per second (scripts/pgbench/README.md). Each client takes
-- its own payments: id = client_id + k × clients (run with -D clients=C
-- equal to -c C, so no two clients collide,
-- as no two IPNs of one payment would be applied at once).
\set k random(0, 100000 / :clients - 1)
\set n :client_id + 1 + :k * :clients
BEGIN;
SELECT id FROM payments WHERE code = 'PGB' || :n;
SELECT id, code, account_id, provider, status, amount, payee_bank_code, payee_account, return_url, next_url,
    provider_txn_id, refunded, created_at, expires_at, updated_at, paid_at
    FROM payments WHERE code = 'PGB' || :n FOR UPDATE;
SELECT payment_id, obligation_id, agency_code, amount, lines, agency_receipt
    FROM payment_items WHERE payment_id = (SELECT id FROM payments WHERE code = 'PGB' || :n);
SELECT count(*) FROM payment_events WHERE provider_event_key = 'pgb:' || :n || ':' || :client_id || ':' || random();
SELECT count(*) FROM payment_items i JOIN payments p ON p.id = i.payment_id
    WHERE p.code = 'PGB' || :n AND i.state = 'PAID' AND i.payment_id <> p.id;
UPDATE payments SET paid_at = now(), provider_txn_id = '14000001' WHERE code = 'PGB' || :n;
UPDATE payments SET status = 'SUCCEEDED', updated_at = now() WHERE code = 'PGB' || :n;
-- a payment confirmed again by a later run of the script keeps its items PAID
UPDATE payment_items SET state = 'CLOSED' WHERE payment_id = (SELECT id FROM payments WHERE code = 'PGB' || :n);
UPDATE payment_items SET state = 'PAID' WHERE payment_id = (SELECT id FROM payments WHERE code = 'PGB' || :n);
INSERT INTO payment_events (payment_id, at, status, source, note, provider_event_key, data)
    SELECT id, now(), 'SUCCEEDED', 'NOTIFICATION', '', 'pgb:' || :n || ':' || random(), '{"vnp_ResponseCode":"00"}'
    FROM payments WHERE code = 'PGB' || :n ON CONFLICT (provider_event_key) DO NOTHING;
UPDATE obligations SET status = 'PAID', paid_on = current_date, updated_at = now()
    WHERE id IN (SELECT obligation_id FROM payment_items WHERE payment_id = (SELECT id FROM payments WHERE code = 'PGB' || :n));
INSERT INTO payment_receipts (payment_id, kind, number, issuer, issued_at, amount, verify_code)
    SELECT id, 'CONFIRMATION', code || '-' || random(), 'DVC', now(), amount, 'ABCDEFGH' FROM payments WHERE code = 'PGB' || :n
    ON CONFLICT DO NOTHING; -- a payment drawn twice keeps its first confirmation
INSERT INTO river_job (args, kind, max_attempts, priority, queue, state, scheduled_at)
    VALUES ('{"paymentId": 1}', 'payment_notify_agency', 25, 1, 'default', 'available', now() + interval '1 day');
SELECT phone, language FROM identity_accounts WHERE id = 1;
INSERT INTO notifications (channel, purpose, recipient, text_redacted, status)
    VALUES ('SMS', 'NOTICE', '+84912345678', 'DVC: Thanh toan thanh cong', 'QUEUED');
INSERT INTO river_job (args, kind, max_attempts, priority, queue, state, scheduled_at)
    VALUES ('{"sealed": "x"}', 'sms_send', 25, 1, 'sms', 'available', now() + interval '1 day');
COMMIT;
