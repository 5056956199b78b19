// GraphQL-over-HTTP conformance audits for dvcportal, run by
// internal/e2e/httpaudit_test.go.
//
//   node audit.mjs <dvcportal GraphQL URL>
//
// Runs every server audit of graphql-http (serverAudits) one after another
// and prints one JSON array to stdout: {id, name, status, reason, httpStatus,
// body} per audit, where status is "ok", or "error" (a MUST failed), "warn"
// (a SHOULD failed) or "notice" (a MAY is not done). The Go test turns MUST
// failures into test failures and logs the rest. Exit status 1 only when the
// audits could not run at all.
import { serverAudits } from 'graphql-http';

async function describe(result) {
  const out = { id: result.id, name: result.name, status: result.status };
  if (result.status === 'ok') {
    return out;
  }
  out.reason = result.reason;
  if (result.response) {
    out.httpStatus = result.response.status;
    out.contentType = result.response.headers.get('content-type');
    try {
      out.body = (await result.response.clone().text()).slice(0, 300);
    } catch {
      out.body = '(body already read by the audit)';
    }
  }
  return out;
}

async function main() {
  const url = process.argv[2];
  if (!url) {
    throw new Error('usage: node audit.mjs <dvcportal GraphQL URL>');
  }
  const results = [];
  for (const audit of serverAudits({ url, fetchFn: fetch })) {
    let result;
    try {
      result = await audit.fn();
    } catch (err) {
      // graphql-http throws only on fatal problems (e.g. the server is gone).
      result = { id: audit.id, name: audit.name, status: 'error', reason: `audit threw: ${err?.message ?? err}` };
    }
    results.push(await describe(result));
  }
  process.stdout.write(JSON.stringify(results) + '\n');
}

main().catch((err) => {
  process.stderr.write(`httpaudit: ${err?.stack ?? err}\n`);
  process.exit(1);
});
