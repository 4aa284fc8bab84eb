// GraphQL Voyager: the schema of this server's /graphql as a graph, loaded by introspection.
import 'graphql-voyager/dist/voyager.css';
import './page.css';

import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { Voyager, voyagerIntrospectionQuery } from 'graphql-voyager';

// the page is served at <context>/voyager/, the endpoint at <context>/graphql
const endpoint = new URL('../graphql', document.baseURI).href;

const introspection = fetch(endpoint, {
  method: 'POST',
  headers: { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json' },
  body: JSON.stringify({ query: voyagerIntrospectionQuery }),
}).then((response) => response.json());

createRoot(document.getElementById('voyager')).render(
  createElement(Voyager, { introspection, hideVoyagerLogo: true }),
);
