import { Client, cacheExchange, fetchExchange, mapExchange, type CombinedError } from 'urql';
import { session } from './session';

export const SESSION_EXPIRED = 'dvc:session-expired';

/** A client for the citizen side: Accept-Language and the session token on every request. */
export function citizenClient(lang: string): Client {
  return new Client({
    url: '/graphql',
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
    exchanges: [
      mapExchange({
        onError(error) {
          // The token was sent (fetchOptions reads it) and refused: the session is over.
          if (session.token() && errorCode(error) === 'UNAUTHENTICATED') {
            session.clear();
            window.dispatchEvent(new Event(SESSION_EXPIRED));
          }
        },
      }),
      cacheExchange,
      fetchExchange,
    ],
    fetchOptions: () => {
      const headers: Record<string, string> = { 'Accept-Language': lang };
      const token = session.token();
      if (token) headers.Authorization = `Bearer ${token}`;
      return { headers };
    },
  });
}

/** A client for the agency console: the API key from memory, nothing stored. */
export function agencyClient(lang: string, key: string): Client {
  return new Client({
    url: '/graphql',
    preferGetMethod: false,
    requestPolicy: 'network-only',
    exchanges: [cacheExchange, fetchExchange],
    fetchOptions: () => ({ headers: { 'Accept-Language': lang, Authorization: `Bearer ${key}` } }),
  });
}

/** The first extensions.code of a GraphQL error, or NETWORK when the server was not reached. */
export function errorCode(error: CombinedError | undefined): string | undefined {
  if (!error) return undefined;
  if (error.networkError) return 'NETWORK';
  for (const e of error.graphQLErrors) {
    const code = e.extensions?.code;
    if (typeof code === 'string') return code;
  }
  return 'INTERNAL';
}

/** extensions.retryAfterSeconds of a RATE_LIMITED error. */
export function retryAfter(error: CombinedError | undefined): number | undefined {
  for (const e of error?.graphQLErrors ?? []) {
    const s = e.extensions?.retryAfterSeconds;
    if (typeof s === 'number') return s;
  }
  return undefined;
}
