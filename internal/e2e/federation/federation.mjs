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
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';

const here = dirname(fileURLToPath(import.meta.url));

const spanningQuery = `query Spanning {
  services(first: 3) { edges { node { code name averageWaitDays } } }
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
function compose(ourSDL, ourURL, partnerSDL, partnerURL) {
  const result = composeServices([
    { name: 'dvcportal', typeDefs: parse(ourSDL), url: ourURL },
    { name: 'partner', typeDefs: parse(partnerSDL), url: partnerURL },
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

  // Compose once with a placeholder partner URL to fail fast on errors,
  // before starting anything.
  compose(ourSDL, ourURL, partnerSDL, 'http://127.0.0.1:1/');
  const partner = await startPartner(partnerSDL);
  let gatewayServer;
  try {
    const { supergraphSdl, hints } = compose(ourSDL, ourURL, partnerSDL, partner.url);
    const gateway = new ApolloGateway({ supergraphSdl });
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

main().catch((err) => fail(1, `federation check: ${err?.stack ?? err}`));
