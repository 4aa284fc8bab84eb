// GraphiQL 5 with the query builder (explorer plugin), talking to this server's /graphql.
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import '@graphiql/plugin-explorer/style.css';
import './page.css';

import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { explorerPlugin } from '@graphiql/plugin-explorer';
import { createGraphiQLFetcher } from '@graphiql/toolkit';

// the page is served at <context>/graphiql/, the endpoint at <context>/graphql
const endpoint = new URL('../graphql', document.baseURI).href;

const defaultQuery = `# Marquee on its demo data: run it with ▶ (Ctrl-Enter).
# Docs and Explorer, on the left, show the schema.
#
# Reads need no token. Mutations need an organizer's
# token (POST /auth/token, see README) in Headers:
#   {"Authorization": "Bearer eyJ…"}

query DemoSeries {
  series(slug: "ai-on-the-lot") {
    name
    editions {
      nodes {
        name
        year
        format
        venue { name city }
        attendance { reported }
        sponsorships { tier company { name } }
      }
    }
  }
}
`;

createRoot(document.getElementById('graphiql')).render(
  createElement(GraphiQL, {
    fetcher: createGraphiQLFetcher({ url: endpoint }),
    plugins: [explorerPlugin()],
    defaultQuery,
    isHeadersEditorEnabled: true,
    // a bearer token typed into Headers stays in this page: never written to local storage (this also
    // hides GraphiQL's "persist headers" setting)
    shouldPersistHeaders: false,
  }),
);
