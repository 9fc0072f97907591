import { createServer } from 'node:http';

export interface FactService {
  url: string;
  token: string;
  /** What the service answers: facts[email][fact]; a fact not set does not hold. */
  facts: Map<string, Set<string>>;
  grant(email: string, ...facts: string[]): void;
  withdraw(email: string, fact: string): void;
  close(): Promise<void>;
}

/** A real HTTP fact service on loopback, answering GET /facts/{fact}?email= as FACT_SERVICE_URL expects. */
export async function startFactService(): Promise<FactService> {
  const token = 'fact-service-test-token';
  const facts = new Map<string, Set<string>>();
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const fact = decodeURIComponent(url.pathname.replace(/^\/facts\//, ''));
    if (request.headers.authorization !== `Bearer ${token}`) return void response.writeHead(401).end();
    const email = url.searchParams.get('email') ?? '';
    response
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ holds: facts.get(email)?.has(fact) ?? false }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    facts,
    grant(email, ...granted) {
      facts.set(email, new Set([...(facts.get(email) ?? []), ...granted]));
    },
    withdraw(email, fact) {
      facts.get(email)?.delete(fact);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
