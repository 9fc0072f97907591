import type { AccessSystem } from './access-system';
import { misconfigured, missingAccount } from './access-system';
import { callJson, redact, splitCredentials, unexpected } from './http-json';

/**
 * GNU Mailman 3 through its core REST API (3.1). Entitlements:
 * `member:<list>` is a membership; `post:<list>` is the right to post to a
 * list that holds posts by default: a member's, or else a non-member entry's,
 * moderation action set to "defer" (posts go through). A list is named by its
 * posting address or by its name on MAILMAN_LIST_DOMAIN.
 */
export function mailmanSystem(options: { url: string; listDomain?: string }): AccessSystem {
  const { base, headers } = splitCredentials(options.url);
  const json = { ...headers, 'content-type': 'application/json' };

  function parse(entitlement: string): { kind: 'member' | 'post'; listId: string } {
    const match = /^(member|post):(.+)$/.exec(entitlement);
    if (!match) throw misconfigured('mailman', `"${entitlement}" is not member:<list> or post:<list>`);
    const list = match[2]!;
    if (list.includes('@')) return { kind: match[1] as 'member' | 'post', listId: list.replace('@', '.') };
    if (!options.listDomain)
      throw misconfigured('mailman', `"${list}" needs MAILMAN_LIST_DOMAIN, or name the list by its address`);
    return { kind: match[1] as 'member' | 'post', listId: `${list}.${options.listDomain}` };
  }

  interface Member {
    member_id: string;
    email: string;
    moderation_action?: string;
  }

  async function requireList(listId: string): Promise<void> {
    const response = await callJson('mailman', `${base}/lists/${encodeURIComponent(listId)}`, { headers });
    if (response.status === 404) throw misconfigured('mailman', `no list ${listId} at ${redact(options.url)}`);
    if (response.status !== 200) throw unexpected('mailman', `list ${listId}`, response);
  }

  type Role = 'member' | 'nonmember';

  async function find(listId: string, email: string, role: Role = 'member'): Promise<Member | undefined> {
    const query = new URLSearchParams({ list_id: listId, subscriber: email, role });
    const response = await callJson('mailman', `${base}/members/find?${query.toString()}`, { headers });
    if (response.status !== 200) throw unexpected('mailman', `membership of ${email} on ${listId}`, response);
    return ((response.body as { entries?: Member[] }).entries ?? [])[0];
  }

  async function roster(listId: string, role: Role = 'member'): Promise<Member[]> {
    await requireList(listId);
    const response = await callJson('mailman', `${base}/lists/${encodeURIComponent(listId)}/roster/${role}`, {
      headers,
    });
    if (response.status !== 200) throw unexpected('mailman', `roster of ${listId}`, response);
    return (response.body as { entries?: Member[] }).entries ?? [];
  }

  async function subscribe(listId: string, email: string, role: Role = 'member'): Promise<Member> {
    await requireList(listId);
    const response = await callJson('mailman', `${base}/members`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({
        list_id: listId,
        subscriber: email,
        role,
        pre_verified: true,
        pre_confirmed: true,
        pre_approved: true,
        send_welcome_message: false,
      }),
    });
    // 409: "Member already subscribed", which is what was wanted.
    if (response.status !== 201 && response.status !== 409)
      throw unexpected('mailman', `subscribing ${email} to ${listId}`, response);
    const member = await find(listId, email, role);
    if (!member) throw misconfigured('mailman', `${email} is not on ${listId} after subscribing (held for approval?)`);
    return member;
  }

  async function unsubscribe(member: Member, listId: string): Promise<void> {
    const response = await callJson('mailman', `${base}/members/${member.member_id}`, { method: 'DELETE', headers });
    if (response.status !== 204 && response.status !== 404)
      throw unexpected('mailman', `removing ${member.email} from ${listId}`, response);
  }

  /** Where a person's post right lives: their membership, else their non-member entry. */
  async function poster(listId: string, email: string): Promise<Member | undefined> {
    return (await find(listId, email)) ?? (await find(listId, email, 'nonmember'));
  }

  async function moderate(member: Member, action: 'defer' | 'hold'): Promise<void> {
    const response = await callJson('mailman', `${base}/members/${member.member_id}`, {
      method: 'PATCH',
      headers: json,
      body: JSON.stringify({ moderation_action: action }),
    });
    if (response.status === 404) {
      // Unsubscribed meanwhile (a revocation takes membership and post rights at once): nothing left to hold back.
      if (action === 'hold') return;
      throw new Error(`mailman: ${member.email} left the list while being given post rights; trying again`);
    }
    if (response.status !== 204 && response.status !== 200)
      throw unexpected('mailman', `moderation of ${member.email}`, response);
  }

  const canPost = (m: Member | undefined) =>
    m !== undefined && (m.moderation_action === 'defer' || m.moderation_action === 'accept');

  /** Mailman answers anything but an address with 400 "Invalid Parameter subscriber": only an address can hold anything there. */
  const isAddress = (identity: string) => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(identity);
  /** The team leader must name an address for someone known by another name. */
  const address = (identity: string) => {
    if (!isAddress(identity)) throw missingAccount('mailman', identity);
    return identity;
  };

  return {
    describe: `Mailman at ${redact(options.url)}`,
    // Subscribing needs no account, only an address; Mailman's core keeps no archive to read activity from.
    hasAccount: async (identity) => isAddress(identity),
    async holds(identity, entitlement) {
      if (!isAddress(identity)) return false;
      const { kind, listId } = parse(entitlement);
      await requireList(listId);
      return kind === 'member' ? (await find(listId, identity)) !== undefined : canPost(await poster(listId, identity));
    },
    async grant(who, entitlement) {
      const identity = address(who);
      const { kind, listId } = parse(entitlement);
      if (kind === 'member') {
        if (!(await find(listId, identity))) await subscribe(listId, identity);
        return;
      }
      const entry = (await poster(listId, identity)) ?? (await subscribe(listId, identity, 'nonmember'));
      if (!canPost(entry)) await moderate(entry, 'defer');
    },
    async revoke(identity, entitlement) {
      const { kind, listId } = parse(entitlement);
      await requireList(listId);
      if (kind === 'member') {
        const member = await find(listId, identity);
        if (member) await unsubscribe(member, listId);
        return;
      }
      const nonmember = await find(listId, identity, 'nonmember');
      if (nonmember) await unsubscribe(nonmember, listId);
      const member = await find(listId, identity);
      if (canPost(member)) await moderate(member!, 'hold');
    },
    async holders(entitlement) {
      const { kind, listId } = parse(entitlement);
      const entries =
        kind === 'member'
          ? await roster(listId)
          : [...(await roster(listId)), ...(await roster(listId, 'nonmember'))].filter(canPost);
      return [...new Set(entries.map((m) => m.email))].sort();
    },
  };
}
