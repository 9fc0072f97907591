import { startFakeHttp, type FakeServer } from './fake-http';

interface Agent {
  Login: string;
  Valid: number;
  Roles: Set<string>;
  Admin: number;
  LastLogin?: string;
}

export interface FakeZnuny extends FakeServer {
  /** The web service URL with trustladder's agent login, as ZNUNY_URL takes it. */
  serviceUrl: string;
  agents: Map<string, Agent>;
  roles: Set<string>;
  /** Every operation that changed something, in order: "AgentRoleSet ada SE 1". */
  changes: string[];
  hooks: {
    /** Awaited after a change is made and before it is answered: a test can hold the answer back. */
    afterChange?: (change: string) => Promise<void>;
  };
}

/**
 * The TrustLadder agent web service (docs/znuny-agent-web-service.md) as a
 * Znuny generic interface answers: every operation a POST, the login in the
 * body, errors as HTTP 200 with an Error object.
 */
export async function startFakeZnuny(): Promise<FakeZnuny> {
  const agents = new Map<string, Agent>();
  const hooks: FakeZnuny['hooks'] = {};
  const roles = new Set<string>();
  const error = (ErrorCode: string, ErrorMessage: string) => ({
    status: 200,
    body: { Error: { ErrorCode, ErrorMessage } },
  });
  const changes: string[] = [];
  const server = await startFakeHttp(async ({ method, path, body }) => {
    const op = /^\/otrs\/nph-genericinterface\.pl\/Webservice\/TrustLadder\/(\w+)$/.exec(path)?.[1];
    if (method !== 'POST' || !op) return { status: 404, body: 'not found' };
    if (body.UserLogin !== 'trustladder' || body.Password !== 'ws-secret')
      return error(`${op}.AuthFail`, 'Authorization failing!');
    if (op === 'AgentList') {
      const all = [...agents.values()];
      const logins =
        body.Role !== undefined
          ? all.filter((a) => a.Roles.has(String(body.Role)))
          : body.Admin
            ? all.filter((a) => a.Admin === 1)
            : all.filter((a) => a.Valid === 1);
      return { status: 200, body: { Logins: logins.map((a) => a.Login) } };
    }
    const agent = agents.get(String(body.Login));
    if (!agent)
      return error(op === 'AgentGet' ? 'AgentGet.NotFound' : `${op}.AgentNotFound`, `No agent ${String(body.Login)}`);
    if (op === 'AgentGet') return { status: 200, body: { Agent: { ...agent, Roles: [...agent.Roles] } } };
    if (op === 'AgentValidSet') agent.Valid = Number(body.Valid);
    else if (op === 'AgentAdminSet') agent.Admin = Number(body.Admin);
    else if (op === 'AgentRoleSet') {
      if (!roles.has(String(body.Role))) return error('AgentRoleSet.RoleNotFound', `No role ${String(body.Role)}`);
      if (Number(body.Member) === 1) agent.Roles.add(String(body.Role));
      else agent.Roles.delete(String(body.Role));
    } else return error(`${op}.NotSupported`, 'No such operation');
    const change = [op, body.Login, body.Role, body.Member ?? body.Valid ?? body.Admin]
      .filter((v) => v !== undefined)
      .map((v) => (typeof v === 'string' ? v : JSON.stringify(v)))
      .join(' ');
    changes.push(change);
    await hooks.afterChange?.(change);
    return { status: 200, body: { Success: 1 } };
  });
  const fake = server as FakeZnuny;
  fake.changes = changes;
  fake.hooks = hooks;
  fake.serviceUrl = `${server.url.replace('http://', 'http://trustladder:ws-secret@')}/otrs/nph-genericinterface.pl/Webservice/TrustLadder`;
  fake.agents = agents;
  fake.roles = roles;
  return fake;
}
