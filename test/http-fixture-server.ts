import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';

export type Route = (request: IncomingMessage, response: ServerResponse) => void;

/** A throwaway HTTP server on 127.0.0.1 for URL and feed tests; its base URL is ready in beforeAll. */
export function httpFixtureServer(routes: Record<string, Route>): { baseUrl: () => string } {
  let base = '';
  const server = createServer((request, response) => {
    const route = routes[request.url ?? ''];
    if (route) route(request, response);
    else {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
    }
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { baseUrl: () => base };
}
