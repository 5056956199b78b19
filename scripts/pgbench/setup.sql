-- pgbench set-up for payment_confirm.sql, on a database migrated by
-- `dvcportal migrate up`: 100,000 open obligations, each with a STARTED
-- payment waiting for its IPN. Run once: psql "$URL" -f setup.sql
INSERT INTO obligations (agency_code, kind, origin, source_ref, debtor_id_number, debtor_name, name_visibility,
    description, lines, principal, payee_bank_code, payee_account, payee_name, status)
SELECT 'THUE', 'TAX', 'PUSH', 'PGB-' || g, '001090012345', 'Nguyen Van An', 'SELF', 'pgbench',
    '[{"kind":"FEE","name":"fee","amount":10000}]', 10000, 'KBNN', '7111', 'KBNN Ha Noi', 'OPEN'
FROM generate_series(1, 100000) g;

INSERT INTO payments (code, account_id, provider, status, amount, payee_bank_code, payee_account, return_url,
    created_at, expires_at, updated_at, idempotency_key, request_hash)
SELECT 'PGB' || g, 1, 'vnpay', 'STARTED', 10000, 'KBNN', '7111', 'https://portal.example/',
    now(), now() + interval '15 minutes', now(), 'pgb-' || g, '\x00'
FROM generate_series(1, 100000) g;

INSERT INTO payment_items (payment_id, obligation_id, agency_code, amount, lines, state)
SELECT p.id, o.id, 'THUE', 10000, o.lines, 'ACTIVE'
FROM payments p JOIN obligations o ON o.source_ref = 'PGB-' || substr(p.code, 4)
WHERE p.code LIKE 'PGB%';

ANALYZE;
