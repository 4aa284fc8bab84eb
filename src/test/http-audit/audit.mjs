// Runs graphql-http's GraphQL over HTTP server audits against one endpoint and prints one line per audit:
//   node audit.mjs http://localhost:8080/graphql
// Exits 0 only when every audit is "ok": an "error" breaks a MUST, and Marquee promises the SHOULDs and
// MAYs too, so a "warn" or a "notice" fails as well. GraphQlOverHttpAuditIT runs this and reads its output.
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs <url of the GraphQL endpoint>');
  process.exit(2);
}

let failed = 0;
const audits = serverAudits({ url });
for (const audit of audits) {
  const result = await audit.fn();
  if (result.status === 'ok') {
    console.log(`ok      ${result.id} ${result.name}`);
    continue;
  }
  failed++;
  let body = '';
  try {
    body = (await result.response.text()).slice(0, 300);
  } catch {
    // the body was read by the audit itself
  }
  console.log(`${result.status.padEnd(7)} ${result.id} ${result.name}: ${result.reason}`
    + ` (status ${result.response.status}, content-type ${result.response.headers.get('content-type')})`
    + (body ? ` body ${body}` : ''));
}
console.log(`audit: ${audits.length - failed} of ${audits.length} ok`);
process.exit(failed === 0 ? 0 : 1);
