import type { AccessSystem } from './access-system';
import { misconfigured, missingAccount } from './access-system';
import { callJson, redact, splitCredentials } from './http-json';
import { FailureType } from '../../domain/failure-types';

/**
 * Znuny (OTRS) agents through the "TrustLadder" web service, whose contract
 * is docs/znuny-agent-web-service.md: Znuny ships no operation that manages
 * agents, so the organisation installs one that speaks it. Entitlements:
 * `agent` (a valid agent account), `role:<role>`, `admin` (the admin flag).
 * Errors come back, as Znuny's generic interface sends them, as HTTP 200
 * with an Error object.
 */
export function znunySystem(options: { url: string }): AccessSystem {
  // Znuny's generic interface takes the login in the request, not in a header.
  const { base, user, password } = splitCredentials(options.url);
  const credentials = { UserLogin: user, Password: password };

  interface Agent {
    Login: string;
    Valid: number;
    Roles: string[];
    Admin: number;
    /** The agent's last login to the agent interface, as Znuny writes times ("2026-12-03 10:15:00", UTC); absent when never. */
    LastLogin?: string;
  }

  async function operation<T>(name: string, data: Record<string, unknown>): Promise<T> {
    const response = await callJson('otrs', `${base}/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...credentials, ...data }),
    });
    const body = response.body as { Error?: { ErrorCode: string; ErrorMessage: string } } & T;
    if (response.status !== 200)
      throw misconfigured(
        'otrs',
        `${name}: HTTP ${response.status} (is the TrustLadder web service installed at ${redact(options.url)}?)`,
      );
    if (body.Error) {
      if (body.Error.ErrorCode === 'AgentGet.NotFound' || body.Error.ErrorCode.endsWith('.AgentNotFound'))
        throw missingAccount('otrs', String(data.Login));
      if (body.Error.ErrorCode.endsWith('.AuthFail'))
        throw misconfigured('otrs', `the web service refused trustladder's login: ${body.Error.ErrorMessage}`);
      throw misconfigured('otrs', `${name}: ${body.Error.ErrorCode}: ${body.Error.ErrorMessage}`);
    }
    return body;
  }

  async function agent(login: string): Promise<Agent | undefined> {
    try {
      return (await operation<{ Agent: Agent }>('AgentGet', { Login: login })).Agent;
    } catch (err) {
      if ((err as { type?: string }).type === FailureType.MissingAccount) return undefined;
      throw err;
    }
  }

  function parse(entitlement: string): { kind: 'agent' } | { kind: 'admin' } | { kind: 'role'; role: string } {
    if (entitlement === 'agent' || entitlement === 'admin') return { kind: entitlement };
    const match = /^role:(.+)$/.exec(entitlement);
    if (!match) throw misconfigured('otrs', `"${entitlement}" is not agent, admin or role:<role>`);
    return { kind: 'role', role: match[1]! };
  }

  async function set(login: string, entitlement: string, on: boolean): Promise<void> {
    const what = parse(entitlement);
    if (what.kind === 'agent') await operation('AgentValidSet', { Login: login, Valid: on ? 1 : 0 });
    else if (what.kind === 'admin') await operation('AgentAdminSet', { Login: login, Admin: on ? 1 : 0 });
    else await operation('AgentRoleSet', { Login: login, Role: what.role, Member: on ? 1 : 0 });
  }

  return {
    describe: `Znuny at ${redact(options.url)}`,
    async hasAccount(identity) {
      return (await agent(identity)) !== undefined;
    },
    /** Their last login to the agent interface. */
    async lastActive(identity) {
      const last = (await agent(identity))?.LastLogin;
      if (!last) return null;
      const at = new Date(`${last.replace(' ', 'T')}Z`);
      return Number.isNaN(at.getTime()) ? null : at;
    },
    async holds(identity, entitlement) {
      const what = parse(entitlement);
      const found = await agent(identity);
      if (!found) return false;
      if (what.kind === 'agent') return found.Valid === 1;
      if (what.kind === 'admin') return found.Admin === 1;
      return found.Roles.includes(what.role);
    },
    async grant(identity, entitlement) {
      if (!(await agent(identity))) throw missingAccount('otrs', identity);
      await set(identity, entitlement, true);
    },
    async revoke(identity, entitlement) {
      if (!(await agent(identity))) return;
      await set(identity, entitlement, false);
    },
    async holders(entitlement) {
      const what = parse(entitlement);
      const list = await operation<{ Logins: string[] }>(
        'AgentList',
        what.kind === 'role' ? { Role: what.role } : what.kind === 'admin' ? { Admin: 1 } : { Valid: 1 },
      );
      return [...list.Logins].sort();
    },
  };
}
