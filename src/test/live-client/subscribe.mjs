// node subscribe.mjs <ws-url> <eventSlug> <messages> [token]
// Subscribes to attendanceChanged with graphql-ws and prints one line per event: "next <json>",
// "error <json>", "closed <code>" or "complete"; exits after <messages> next lines, or at the first
// error or close.
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const [url, eventSlug, count, token] = process.argv.slice(2);
let left = Number(count);

const client = createClient({
  url,
  webSocketImpl: WebSocket,
  retryAttempts: 0,
  lazy: false,
  connectionParams: token ? { Authorization: `Bearer ${token}` } : undefined,
  on: {
    closed: (event) => {
      console.log(`closed ${event.code}`);
      process.exit(0);
    },
  },
});

client.subscribe(
  {
    query: 'subscription($s: String!) { attendanceChanged(eventSlug: $s) { registered checkedIn } }',
    variables: { s: eventSlug },
  },
  {
    next: (result) => {
      console.log(`next ${JSON.stringify(result)}`);
      if (--left <= 0) {
        client.dispose();
        process.exit(0);
      }
    },
    error: (error) => {
      if (Array.isArray(error)) {
        console.log(`error ${JSON.stringify(error)}`);
        process.exit(0);
      }
      // a CloseEvent: reported by on.closed
    },
    complete: () => {
      console.log('complete');
      process.exit(0);
    },
  },
);
