// A real OpenID provider (oidc-provider) for the console's single sign-on
// test, run as a process of its own: it is an ES module, and the tests run as
// CommonJS. Any login signs in, as the account named; "unverified:<email>"
// signs in with an email the provider does not vouch for.
import Provider from 'oidc-provider';

const { port, clientId, clientSecret, redirectUri } = JSON.parse(process.argv[2]);
const issuer = `http://127.0.0.1:${port}`;
const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: [redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  findAccount: async (_ctx, id) => ({
    accountId: id,
    claims: async () => ({
      sub: id,
      email: id.replace(/^unverified:/, ''),
      email_verified: !id.startsWith('unverified:'),
      name: id,
    }),
  }),
  pkce: { required: () => true },
  cookies: { keys: ['a key for this test provider only'] },
  features: { devInteractions: { enabled: true } },
});
provider.listen(port, '127.0.0.1', () => console.log(`ready ${issuer}`));
