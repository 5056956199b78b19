// Federation check for dvcportal, run by internal/e2e/federation_test.go.
//
//   node federation.mjs <dvcportal GraphQL URL> [partner.graphql]
//
// 1. Fetches dvcportal's subgraph SDL ({ _service { sdl } }) from the URL and
//    composes it with a partner subgraph (by default partner.graphql beside
//    this file: a Social Security subgraph adding Service.averageWaitDays)
//    using @apollo/composition. Composition errors: printed to stderr, one
//    per line as "composition error: CODE: message", exit status 2.
// 2. Starts the partner subgraph (Apollo Server + @apollo/subgraph) on
//    127.0.0.1, runs an @apollo/gateway over the composed supergraph (our URL
//    and the partner's) and executes one query spanning both subgraphs.
//    Prints one JSON object to stdout: {"hints": n, "result": {...}}; exit
//    status 1 if the result carries errors or anything else fails.
//
// The partner's averageWaitDays is the length of the service code: a made-up
// figure the Go test can check for every service.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

// The servers are loaded only after composition succeeded (they take about a
// second to load).
let ApolloServer, ApolloServerPluginInlineTraceDisabled, startStandaloneServer, buildSubgraphSchema, ApolloGateway, RemoteGraphQLDataSource;

async function loadServers() {
  ({ ApolloServer } = await import('@apollo/server'));
  ({ ApolloServerPluginInlineTraceDisabled } = await import('@apollo/server/plugin/disabled'));
  ({ startStandaloneServer } = await import('@apollo/server/standalone'));
  ({ buildSubgraphSchema } = await import('@apollo/subgraph'));
  ({ ApolloGateway, RemoteGraphQLDataSource } = await import('@apollo/gateway'));
}

const here = dirname(fileURLToPath(import.meta.url));

const spanningQuery = `query Spanning {
  services(first: 3) { edges { node { code name averageWaitDays } } pageInfo { hasNextPage } }
  contributions { pageInfo { hasNextPage } total { amount currency } }
}`;

function fail(status, message) {
  process.stderr.write(message.endsWith('\n') ? message : message + '\n');
  process.exit(status);
}

// fetchSDL asks a running subgraph for its SDL.
async function fetchSDL(url) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify({ query: '{ _service { sdl } }' }),
    signal: AbortSignal.timeout(5000),
  });
  const text = await res.text();
  if (res.status !== 200) {
    throw new Error(`_service { sdl } from ${url}: HTTP ${res.status}: ${text.slice(0, 500)}`);
  }
  const body = JSON.parse(text);
  const sdl = body?.data?._service?.sdl;
  if (typeof sdl !== 'string' || sdl === '') {
    throw new Error(`_service { sdl } from ${url}: no SDL in ${text.slice(0, 500)}`);
  }
  return sdl;
}

// compose returns the supergraph SDL or exits 2 with the composition errors.
// The partner's URL is not known yet: the gateway's buildService supplies it.
function compose(ourSDL, ourURL, partnerSDL) {
  const result = composeServices([
    { name: 'dvcportal', typeDefs: parse(ourSDL), url: ourURL },
    { name: 'partner', typeDefs: parse(partnerSDL), url: 'http://partner.invalid/' },
  ]);
  if (result.errors && result.errors.length > 0) {
    const lines = result.errors.map((e) => `composition error: ${e.extensions?.code ?? 'UNKNOWN'}: ${e.message}`);
    fail(2, lines.join('\n'));
  }
  return { supergraphSdl: result.supergraphSdl, hints: result.hints ?? [] };
}

// startPartner serves the partner subgraph on a free 127.0.0.1 port.
async function startPartner(partnerSDL) {
  const server = new ApolloServer({
    schema: buildSubgraphSchema({
      typeDefs: parse(partnerSDL),
      resolvers: {
        Query: {
          contributions: () => ({
            pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
            total: { amount: 1250000, currency: 'VND' },
          }),
        },
        Service: {
          __resolveReference: (ref) => ({ code: ref.code, averageWaitDays: ref.code.length }),
        },
      },
    }),
    includeStacktraceInErrorResponses: false,
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  const { url } = await startStandaloneServer(server, { listen: { host: '127.0.0.1', port: 0 } });
  return { server, url };
}

async function main() {
  const [ourURL, partnerFile = join(here, 'partner.graphql')] = process.argv.slice(2);
  if (!ourURL) {
    fail(1, 'usage: node federation.mjs <dvcportal GraphQL URL> [partner.graphql]');
  }
  const partnerSDL = await readFile(partnerFile, 'utf8');
  const ourSDL = await fetchSDL(ourURL);

  const { supergraphSdl, hints } = compose(ourSDL, ourURL, partnerSDL);

  await loadServers();
  const partner = await startPartner(partnerSDL);
  let gatewayServer;
  try {
    const gateway = new ApolloGateway({
      supergraphSdl,
      buildService: ({ name, url }) => new RemoteGraphQLDataSource({ url: name === 'partner' ? partner.url : url }),
    });
    gatewayServer = new ApolloServer({ gateway, includeStacktraceInErrorResponses: false });
    await gatewayServer.start();
    const response = await gatewayServer.executeOperation({ query: spanningQuery });
    if (response.body.kind !== 'single') {
      throw new Error(`gateway answered ${response.body.kind}, want a single result`);
    }
    const result = response.body.singleResult;
    process.stdout.write(JSON.stringify({ hints: hints.length, result }) + '\n');
    if (result.errors && result.errors.length > 0) {
      process.exitCode = 1;
    }
  } finally {
    if (gatewayServer) {
      await gatewayServer.stop();
    }
    await partner.server.stop();
  }
}

// Exit explicitly: idle keep-alive connections of fetch would otherwise hold
// the process open for seconds after the work is done.
main().then(
  () => process.exit(process.exitCode ?? 0),
  (err) => fail(1, `federation check: ${err?.stack ?? err}`),
);
