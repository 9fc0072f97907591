import { startFakeHttp, type FakeReply, type FakeServer } from './fake-http';

interface Member {
  member_id: string;
  list_id: string;
  email: string;
  role: string;
  moderation_action?: string;
}

export interface FakeMailman extends FakeServer {
  /** The REST URL with its admin credentials, as MAILMAN_URL takes it. */
  restUrl: string;
  lists: Set<string>;
  members: Member[];
}

const notFound: FakeReply = { status: 404, body: { title: '404 Not Found' } };

/**
 * Mailman 3 core's REST API (3.1) as its documentation shows it, for the
 * parts trustladder uses: basic auth, lists, members/find by role (no
 * "entries" when none match), subscribe as member or nonmember (409 "Member
 * already subscribed"), moderation PATCH, unsubscribe, the rosters.
 */
export async function startFakeMailman(): Promise<FakeMailman> {
  const state = { lists: new Set<string>(), members: [] as Member[], next: 1 };
  const server = await startFakeHttp(({ method, path, query, headers, body }) => {
    if (headers.authorization !== `Basic ${Buffer.from('restadmin:restpass').toString('base64')}`)
      return { status: 401, body: { title: '401 Unauthorized' } };
    const listMatch = /^\/3\.1\/lists\/([^/]+)(\/roster\/(member|nonmember))?$/.exec(path);
    if (method === 'GET' && listMatch) {
      const listId = decodeURIComponent(listMatch[1]!);
      if (!state.lists.has(listId)) return notFound;
      if (!listMatch[2]) return { status: 200, body: { list_id: listId } };
      const entries = state.members.filter((m) => m.list_id === listId && m.role === listMatch[3]);
      return { status: 200, body: { start: 0, total_size: entries.length, ...(entries.length ? { entries } : {}) } };
    }
    if (method === 'GET' && path === '/3.1/members/find') {
      const entries = state.members.filter(
        (m) =>
          m.list_id === query.get('list_id') &&
          m.email === query.get('subscriber') &&
          m.role === (query.get('role') ?? 'member'),
      );
      return { status: 200, body: { start: 0, total_size: entries.length, ...(entries.length ? { entries } : {}) } };
    }
    if (method === 'POST' && path === '/3.1/members') {
      const listId = String(body.list_id);
      if (!/^[^@\s]+@[^@\s]+$/.test(String(body.subscriber)))
        return {
          status: 400,
          body: {
            title: '400 Bad Request',
            description: `Invalid Parameter "subscriber": ${String(body.subscriber)}.`,
          },
        };
      if (!state.lists.has(listId))
        return { status: 400, body: { title: '400 Bad Request', description: 'No such list' } };
      const role = typeof body.role === 'string' ? body.role : 'member';
      if (state.members.some((m) => m.list_id === listId && m.email === body.subscriber && m.role === role)) {
        return { status: 409, body: { title: '409 Conflict', description: 'Member already subscribed' } };
      }
      const member = { member_id: String(state.next++), list_id: listId, email: String(body.subscriber), role };
      state.members.push(member);
      return { status: 201, headers: { location: `/3.1/members/${member.member_id}` } };
    }
    const memberMatch = /^\/3\.1\/members\/(\d+)$/.exec(path);
    if (memberMatch) {
      const member = state.members.find((m) => m.member_id === memberMatch[1]);
      if (!member) return notFound;
      if (method === 'PATCH') {
        member.moderation_action = String(body.moderation_action);
        return { status: 204 };
      }
      if (method === 'DELETE') {
        state.members = state.members.filter((m) => m !== member);
        return { status: 204 };
      }
    }
    return notFound;
  });
  const fake = server as FakeMailman;
  fake.restUrl = `${server.url.replace('http://', 'http://restadmin:restpass@')}/3.1`;
  Object.defineProperty(fake, 'lists', { get: () => state.lists });
  Object.defineProperty(fake, 'members', { get: () => state.members });
  return fake;
}
