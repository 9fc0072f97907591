import type { FastifyInstance } from 'fastify';

export interface ApiResponse {
  status: number;
  body: Record<string, unknown> & { detail?: string };
}

/** Calls the API as the holder of `key` would, and reads the JSON answer. */
export function apiCaller(app: () => FastifyInstance) {
  return async (method: 'GET' | 'POST' | 'PUT', url: string, key: string, payload?: object): Promise<ApiResponse> => {
    const response = await app().inject({ method, url, headers: { authorization: `Bearer ${key}` }, payload });
    return { status: response.statusCode, body: response.json<ApiResponse['body']>() };
  };
}
